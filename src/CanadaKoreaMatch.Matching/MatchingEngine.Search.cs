using System.Numerics;

namespace CanadaKoreaMatch.Matching;

public sealed partial class MatchingEngine
{
    private const double BoundSlack = 1e-9;

    /// <summary>Added to bounds computed from single-precision index sums, far above their rounding error.</summary>
    private const double IndexSlack = 1e-4;

    /// <summary>The coarse bound of a slot that is not a candidate: below every raw score's bound.</summary>
    private const float Unlinked = -1f;

    /// <summary>One ranked counterpart: slot, exact raw score, id for ties.</summary>
    internal readonly record struct Ranked(int Slot, double Raw, Guid Id)
    {
        public bool IsBetterThan(Ranked other) => Raw > other.Raw || (Raw == other.Raw && Id.CompareTo(other.Id) < 0);
    }

    /// <summary>
    /// Per-thread sums gathered while walking the indexes, one entry per slot (dense, so that the
    /// coarse bounds of every slot are computed a vector at a time), and the candidate lists.
    /// </summary>
    /// <remarks>Single precision keeps the arrays small; <see cref="IndexSlack"/> covers its rounding.</remarks>
    internal sealed class Scratch
    {
        public float[] ToMe = [];
        public float[] FromMe = [];
        public float[] Peer = [];
        public float[] Programme = [];
        public float[] Text = [];

        /// <summary>1 where the candidate offers exactly a code the firm walked from seeks.</summary>
        public float[] ExactToMe = [];

        /// <summary>1 where the candidate seeks exactly a code the firm walked from offers.</summary>
        public float[] ExactFromMe = [];

        /// <summary>1 where the candidate seeks controlled work the firm walked from offers without the registration for it.</summary>
        public float[] GapMine = [];

        /// <summary>1 where the candidate offers controlled work the firm walked from seeks, without the registration for it.</summary>
        public float[] GapTheirs = [];
        public float[] Coarse = [];
        public int[] Touched = [];
        public int TouchedCount;
        public double[] Bounds = [];
        public int[] Order = [];
        private float[] heap = [];
        private int dirtyFrom;
        private int dirtyTo;

        public float[] HeapOf(int size) => heap.Length >= size ? heap : heap = new float[size];

        /// <summary>Zeroes the sums for a walk that will write only slots in [from, to).</summary>
        public void Begin(int capacity, int from, int to)
        {
            if (ToMe.Length < capacity)
            {
                var size = VectorLength(Math.Max(capacity, ToMe.Length * 2));
                ToMe = new float[size];
                FromMe = new float[size];
                Peer = new float[size];
                Programme = new float[size];
                Text = new float[size];
                ExactToMe = new float[size];
                ExactFromMe = new float[size];
                GapMine = new float[size];
                GapTheirs = new float[size];
                Coarse = new float[size];
                Touched = new int[size];
                Bounds = new double[size];
                Order = new int[size];
            }
            else if (dirtyTo > dirtyFrom)
            {
                var length = dirtyTo - dirtyFrom;
                Array.Clear(ToMe, dirtyFrom, length);
                Array.Clear(FromMe, dirtyFrom, length);
                Array.Clear(Peer, dirtyFrom, length);
                Array.Clear(Programme, dirtyFrom, length);
                Array.Clear(Text, dirtyFrom, length);
                Array.Clear(ExactToMe, dirtyFrom, length);
                Array.Clear(ExactFromMe, dirtyFrom, length);
                Array.Clear(GapMine, dirtyFrom, length);
                Array.Clear(GapTheirs, dirtyFrom, length);
            }

            (dirtyFrom, dirtyTo) = (from, to);
            TouchedCount = 0;
        }
    }

    /// <summary>A length rounded up to whole vectors, so that vector loops may read past the last slot.</summary>
    internal static int VectorLength(int length) => (length + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;

    /// <summary>
    /// Walks the other side's indexes from <paramref name="me"/>: after it, every firm linked to
    /// <paramref name="me"/> has exact serve, peer and programme sums (TRL aside, which only lowers
    /// them) and its text cosine; every other slot has zero serve and peer sums.
    /// </summary>
    private void Accumulate(Firm me, Scratch s)
    {
        var (from, to) = CandidateSlots(me);
        s.Begin(slots.Count, from, to);
        var other = 1 - me.Side;
        var toMe = s.ToMe;
        var fromMe = s.FromMe;
        var peer = s.Peer;
        foreach (var code in me.Seeks)
        {
            var weight = (float)((1 - Model.DomainCredit) * codeSpec[code]);
            foreach (var p in offerers.Get(other, code))
            {
                toMe[p.Slot] += weight;
                s.ExactToMe[p.Slot] += 1;
            }

            if (codeControlled[code])
            {
                foreach (var p in offerers.Get(other, code))
                {
                    s.GapTheirs[p.Slot] = lacksCredential[p.Slot];
                }
            }
        }

        for (var k = 0; k < me.SeekDomains.Length; k++)
        {
            var weight = (float)(Model.DomainCredit * me.SeekDomainSpec[k]);
            foreach (var p in domainOfferers.Get(other, me.SeekDomains[k]))
            {
                toMe[p.Slot] += weight;
            }
        }

        foreach (var code in me.Offers)
        {
            var spec = (float)codeSpec[code];
            var weight = (float)((1 - Model.DomainCredit) * codeSpec[code]);
            foreach (var p in seekers.Get(other, code))
            {
                fromMe[p.Slot] += weight;
                s.ExactFromMe[p.Slot] += 1;
            }

            if (codeControlled[code] && !me.HoldsControlledCredential)
            {
                foreach (var p in seekers.Get(other, code))
                {
                    s.GapMine[p.Slot] = 1;
                }
            }

            foreach (var p in offerers.Get(other, code))
            {
                peer[p.Slot] += spec;
            }
        }

        foreach (var domain in me.OfferDomains)
        {
            foreach (var p in domainSeekers.Get(other, domain))
            {
                fromMe[p.Slot] += p.Weight;
            }
        }

        // Programmes and text alone do not link two firms (their score would be zero); their sums
        // only sharpen the bounds of linked ones.
        var programme = s.Programme;
        foreach (var id in me.Programmes)
        {
            var spec = (float)programmeSpec[id];
            foreach (var p in programmeMembers.Get(other, id))
            {
                programme[p.Slot] += spec;
            }

            foreach (var (related, credit) in relatedProgrammes[id])
            {
                foreach (var p in programmeMembers.Get(other, related))
                {
                    programme[p.Slot] += (float)credit;
                }
            }
        }

        var text = s.Text;
        var terms = me.Text.Terms;
        var weights = me.Text.Weights;
        for (var k = 0; k < terms.Length; k++)
        {
            var weight = weights[k];
            foreach (var p in termHolders.Get(other, terms[k]))
            {
                text[p.Slot] += weight * p.Weight;
            }
        }
    }

    /// <summary>After <see cref="Accumulate"/>, lists the linked firms in <see cref="Scratch.Touched"/>.</summary>
    private void CollectLinked(Scratch s)
    {
        var n = 0;
        for (var slot = 0; slot < slots.Count; slot++)
        {
            s.Touched[n] = slot;
            n += s.ToMe[slot] + s.FromMe[slot] + s.Peer[slot] > 0 ? 1 : 0;
        }

        s.TouchedCount = n;
    }

    /// <summary>
    /// An upper bound of every linked slot's raw score, as the firm that walked the indexes reads it, into <see cref="Scratch.Coarse"/>, a
    /// vector at a time: the index sums, the exact-code counts and the compliance gaps, with readiness met and modes, size
    /// and languages at their best. Looser than <see cref="Bound"/>; the slack covers its single-precision rounding.
    /// Slots not linked to that firm get <see cref="Unlinked"/>.
    /// </summary>
    private void CoarseBounds(Scratch s, int from, int to)
    {
        var one = Vector<float>.One;
        var zero = Vector<float>.Zero;
        var saturation = new Vector<float>((float)Model.Saturation);
        var domainCredit = new Vector<float>((float)Model.DomainCredit);
        var affinityBase = new Vector<float>((float)(Model.WeightModes + Model.WeightSize + Model.WeightLanguage));
        var slack = new Vector<float>((float)IndexSlack);
        var unlinked = new Vector<float>(Unlinked);
        for (var k = from; k < to; k += Vector<float>.Count)
        {
            var toMe = new Vector<float>(s.ToMe, k);
            var fromMe = new Vector<float>(s.FromMe, k);
            var peer = new Vector<float>(s.Peer, k);
            var programme = new Vector<float>(s.Programme, k);
            var text = new Vector<float>(s.Text, k);
            var exactTo = Vector.GreaterThan(new Vector<float>(s.ExactToMe, k), zero);
            var exactFrom = Vector.GreaterThan(new Vector<float>(s.ExactFromMe, k), zero);
            var bestTo = Vector.ConditionalSelect(exactTo, one, Vector.ConditionalSelect(Vector.GreaterThan(toMe, zero), domainCredit, zero));
            var bestFrom = Vector.ConditionalSelect(exactFrom, one, Vector.ConditionalSelect(Vector.GreaterThan(fromMe, zero), domainCredit, zero));
            var affinity = affinityBase
                + ((float)Model.WeightProgramme * programme / (programme + saturation))
                + ((float)Model.WeightText * Vector.Min(one, (text + slack) * (float)(1 / Model.TextFull)));
            var gate = Vector.Min(one, Vector.Max(bestTo, bestFrom) * (float)(1 / Model.AffinityFull));
            var exactShare = Vector.ConditionalSelect(exactTo, new Vector<float>((float)Model.ExactNeedShare), zero);
            var evidence = ((float)Model.WeightOwn * (((float)Model.BestShare * bestTo) + ((float)(1 - Model.BestShare) * toMe / (toMe + saturation))))
                + ((float)Model.WeightFocus * new Vector<float>(s.ExactToMe, k) * new Vector<float>(inverseOffers, k))
                + ((float)Model.WeightCover * new Vector<float>(s.ExactFromMe, k) * new Vector<float>(inverseSeeks, k))
                + ((float)Model.WeightDemand * (((float)Model.BestShare * bestFrom) + ((float)(1 - Model.BestShare) * fromMe / (fromMe + saturation))))
                + ((float)Model.WeightPeer * peer / (peer + saturation))
                + (gate * affinity);
            var gaps = new Vector<float>(s.GapMine, k) + new Vector<float>(s.GapTheirs, k);
            var bound = exactShare + ((float)(1 - Model.ExactNeedShare) * evidence * (one - ((float)Model.CompliancePenalty * gaps))) + slack;
            var linked = Vector.GreaterThan(toMe + fromMe + peer, zero);
            Vector.ConditionalSelect(linked, bound, unlinked).CopyTo(s.Coarse, k);
        }
    }

    /// <summary>
    /// The highest raw score of the pair of <paramref name="me"/> (who walked the indexes into <paramref name="s"/>) and
    /// the firm in <paramref name="slot"/>, as <paramref name="me"/> reads it or, when <paramref name="meReads"/> is false,
    /// as that firm reads it: index sums and exact-code counts for capabilities and programmes, exact modes, size and
    /// languages from the summaries, text from the term index, compliance gaps from the summaries (those they can tell),
    /// best case for readiness (met).
    /// </summary>
    private double Bound(Firm me, int slot, Scratch s, bool meReads = true)
    {
        ref var mine = ref summaries[me.Slot];
        ref var theirs = ref summaries[slot];
        var f = new PairFeatures
        {
            ServeAToB = s.FromMe[slot],
            ServeBToA = s.ToMe[slot],
            BestAToB = s.ExactFromMe[slot] > 0 ? 1 : s.FromMe[slot] > 0 ? Model.DomainCredit : 0,
            BestBToA = s.ExactToMe[slot] > 0 ? 1 : s.ToMe[slot] > 0 ? Model.DomainCredit : 0,
            Peer = s.Peer[slot],
            Programme = s.Programme[slot],
            Cosine = s.Text[slot] + IndexSlack,
            FocusAToB = me.Offers.Length == 0 ? 0 : s.ExactFromMe[slot] / me.Offers.Length,
            FocusBToA = s.ExactToMe[slot] * inverseOffers[slot],
            CoverAToB = s.ExactFromMe[slot] * inverseSeeks[slot],
            CoverBToA = me.Seeks.Length == 0 ? 0 : s.ExactToMe[slot] / me.Seeks.Length,
        };
        if (mine.Overflow || theirs.Overflow)
        {
            f.Modes = 1;
            f.SizeFit = true;
            f.SharedLanguage = true;
        }
        else
        {
            var shared = mine.Modes & theirs.Modes;
            var count = System.Numerics.BitOperations.PopCount(shared);
            f.Modes = count == 0 ? 0 : 0.6 + (0.4 * count / Math.Min(mine.ModeCount, theirs.ModeCount));
            f.SizeFit = (mine.IsLarge, theirs.IsLarge) switch
            {
                (true, true) => (shared & primeModeMask) != 0,
                (false, false) => (shared & smeModeMask) != 0,
                (true, false) => (shared & supplyModeMask) != 0 || s.ToMe[slot] > 0,
                (false, true) => (shared & supplyModeMask) != 0 || s.FromMe[slot] > 0,
            };
            f.SharedLanguage = (mine.Languages & theirs.Languages) != 0;
        }

        f.AGap = !mine.HoldsControlledCredential && (theirs.ControlledSeeks & mine.ControlledOffers) != 0;
        f.BGap = !theirs.HoldsControlledCredential && (mine.ControlledSeeks & theirs.ControlledOffers) != 0;

        return ScoreParts.For(f, readerIsA: meReads).Raw + IndexSlack;
    }

    /// <summary>The slots the candidates of <paramref name="me"/> lie in, starting on a whole vector.</summary>
    private (int From, int To) CandidateSlots(Firm me)
    {
        var (first, end) = sideSlots[1 - me.Side];
        return first < end ? (first / Vector<float>.Count * Vector<float>.Count, end) : (0, 0);
    }

    /// <summary>
    /// The exact top list of <paramref name="me"/>. The firms with the highest coarse bounds are
    /// scored first, to set a high last place early; then, of the rest, only those whose coarse and
    /// then fine bounds reach it, in falling order, until one does not. Both passes over the coarse
    /// bounds skip a vector at a time where no slot can qualify.
    /// </summary>
    private Ranked[] Search(Firm me, int top, Scratch s)
    {
        if (top == 0)
        {
            return [];
        }

        Accumulate(me, s);
        var (from, to) = CandidateSlots(me);
        CoarseBounds(s, from, to);
        var first = SelectLargest(s, Math.Max(2 * top, 16), from, to);
        for (var k = 0; k < first; k++)
        {
            s.Bounds[k] = Bound(me, s.Order[k], s);
            s.Coarse[s.Order[k]] = Unlinked;
        }

        var best = new TopList(top);
        Array.Sort(s.Bounds, s.Order, 0, first);
        ScoreInOrder(me, s, 0, first, best);
        var floor = best.IsFull ? best.Worst.Raw : double.NegativeInfinity;
        var kept = first;
        var coarse = s.Coarse;
        var threshold = new Vector<float>(best.IsFull ? (float)floor : 0f);
        for (var k = from; k < to; k += Vector<float>.Count)
        {
            if (!Vector.GreaterThanOrEqualAny(new Vector<float>(coarse, k), threshold))
            {
                continue;
            }

            for (var slot = k; slot < k + Vector<float>.Count; slot++)
            {
                if (coarse[slot] >= threshold[0] && Bound(me, slot, s) is var bound && bound >= floor)
                {
                    s.Bounds[kept] = bound;
                    s.Order[kept] = slot;
                    kept++;
                }
            }
        }

        Array.Sort(s.Bounds, s.Order, first, kept - first);
        ScoreInOrder(me, s, first, kept, best);
        return best.ToArray();
    }

    /// <summary>Scores the candidates in [from, to) from the highest bound down, stopping at the first bound below last place.</summary>
    private void ScoreInOrder(Firm me, Scratch s, int from, int to, TopList best)
    {
        for (var k = to - 1; k >= from; k--)
        {
            if (best.IsFull && s.Bounds[k] < best.Worst.Raw)
            {
                return;
            }

            var firm = slots[s.Order[k]]!;
            var raw = ExactRaw(me, firm, best.IsFull ? best.Worst.Raw : double.NegativeInfinity);
            if (raw >= 0)
            {
                best.Offer(new Ranked(firm.Slot, raw, firm.Id));
            }
        }
    }

    /// <summary>Scores <paramref name="me"/> against every firm of the other country: the reference the index must equal.</summary>
    internal Ranked[] SearchExhaustive(Firm me, int top)
    {
        if (top == 0)
        {
            return [];
        }

        var best = new TopList(top);
        foreach (var firm in slots)
        {
            if (firm is null || firm.Side == me.Side)
            {
                continue;
            }

            var raw = ExactRaw(me, firm);
            if (raw >= 0)
            {
                best.Offer(new Ranked(firm.Slot, raw, firm.Id));
            }
        }

        return best.ToArray();
    }

    /// <summary>
    /// Puts into <see cref="Scratch.Order"/> the linked slots with the <paramref name="m"/> largest
    /// coarse bounds (ties broken arbitrarily; every linked slot when fewer) and returns how many.
    /// A min-heap holds the largest seen; once it is full, a vector of bounds none of which beats
    /// its smallest is passed over in one comparison.
    /// </summary>
    private static int SelectLargest(Scratch s, int m, int from, int to)
    {
        var keys = s.HeapOf(m);
        var items = s.Order;
        var coarse = s.Coarse;
        var count = 0;
        var smallest = 0f;
        for (var k = from; k < to; k += Vector<float>.Count)
        {
            if (!Vector.GreaterThanAny(new Vector<float>(coarse, k), new Vector<float>(smallest)))
            {
                continue;
            }

            for (var slot = k; slot < k + Vector<float>.Count; slot++)
            {
                var key = coarse[slot];
                if (key <= smallest)
                {
                    continue;
                }

                if (count < m)
                {
                    keys[count] = key;
                    items[count] = slot;
                    SiftUp(keys, items, count++);
                    smallest = count < m ? 0f : keys[0];
                }
                else
                {
                    keys[0] = key;
                    items[0] = slot;
                    SiftDown(keys, items, m, 0);
                    smallest = keys[0];
                }
            }
        }

        return count;
    }

    private static void SiftUp(float[] keys, int[] items, int at)
    {
        while (at > 0)
        {
            var parent = (at - 1) / 2;
            if (keys[parent] <= keys[at])
            {
                break;
            }

            (keys[parent], keys[at]) = (keys[at], keys[parent]);
            (items[parent], items[at]) = (items[at], items[parent]);
            at = parent;
        }
    }

    private static void SiftDown(float[] keys, int[] items, int size, int at)
    {
        var key = keys[at];
        var item = items[at];
        while (true)
        {
            var child = (2 * at) + 1;
            if (child >= size)
            {
                break;
            }

            if (child + 1 < size && keys[child + 1] < keys[child])
            {
                child++;
            }

            if (keys[child] >= key)
            {
                break;
            }

            keys[at] = keys[child];
            items[at] = items[child];
            at = child;
        }

        keys[at] = key;
        items[at] = item;
    }

    /// <summary>A best-first list of at most a fixed length.</summary>
    internal sealed class TopList(int capacity)
    {
        private readonly Ranked[] items = new Ranked[Math.Max(capacity, 0)];
        private int count;

        public bool IsFull => count == items.Length;

        public Ranked Worst => items[count - 1];

        public void Offer(Ranked candidate)
        {
            if (items.Length == 0 || (IsFull && !candidate.IsBetterThan(Worst)))
            {
                return;
            }

            var at = IsFull ? count - 1 : count++;
            while (at > 0 && candidate.IsBetterThan(items[at - 1]))
            {
                items[at] = items[at - 1];
                at--;
            }

            items[at] = candidate;
        }

        public Ranked[] ToArray() => items[..count];
    }
}
