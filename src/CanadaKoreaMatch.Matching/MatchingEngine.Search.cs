namespace CanadaKoreaMatch.Matching;

public sealed partial class MatchingEngine
{
    private const double BoundSlack = 1e-9;

    /// <summary>Added to bounds computed from single-precision index sums, far above their rounding error.</summary>
    private const double IndexSlack = 1e-4;

    /// <summary>One ranked counterpart: slot, exact raw score, id for ties.</summary>
    internal readonly record struct Ranked(int Slot, double Raw, Guid Id)
    {
        public bool IsBetterThan(Ranked other) => Raw > other.Raw || (Raw == other.Raw && Id.CompareTo(other.Id) < 0);
    }

    /// <summary>Sums gathered for one candidate while walking the indexes.</summary>
    /// <remarks>Single precision keeps the array small; <see cref="IndexSlack"/> covers its rounding.</remarks>
    internal struct Accumulator
    {
        public float ToMe;
        public float FromMe;
        public float Peer;
        public float Programme;
        public float Text;
        public int Epoch;
    }

    /// <summary>Per-thread accumulators indexed by slot, reset in O(touched).</summary>
    internal sealed class Scratch
    {
        public Accumulator[] Sums = [];
        public int Epoch;
        public int[] Touched = [];
        public int TouchedCount;
        public double[] Bounds = [];
        public int[] Order = [];

        public void Begin(int capacity)
        {
            if (Sums.Length < capacity)
            {
                var size = Math.Max(capacity, Sums.Length * 2);
                Sums = new Accumulator[size];
                Touched = new int[size];
                Bounds = new double[size];
                Order = new int[size];
                Epoch = 0;
            }

            Epoch++;
            if (Epoch == int.MaxValue)
            {
                Array.Clear(Sums);
                Epoch = 1;
            }

            TouchedCount = 0;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public ref Accumulator Touch(int slot)
        {
            ref var sum = ref Sums[slot];
            if (sum.Epoch != Epoch)
            {
                sum = new Accumulator { Epoch = Epoch };
                Touched[TouchedCount++] = slot;
            }

            return ref sum;
        }
    }

    /// <summary>
    /// Walks the other side's indexes from <paramref name="me"/>: after it, every firm linked to
    /// <paramref name="me"/> is touched, with exact serve, peer and programme sums (TRL aside,
    /// which only lowers them).
    /// </summary>
    private void Accumulate(Firm me, Scratch s)
    {
        s.Begin(slots.Count);
        var other = 1 - me.Side;
        foreach (var code in me.Seeks)
        {
            var weight = (1 - Model.DomainCredit) * codeSpec[code];
            foreach (var p in offerers.Get(other, code))
            {
                s.Touch(p.Slot).ToMe += (float)weight;
            }
        }

        for (var k = 0; k < me.SeekDomains.Length; k++)
        {
            var weight = Model.DomainCredit * me.SeekDomainSpec[k];
            foreach (var p in domainOfferers.Get(other, me.SeekDomains[k]))
            {
                s.Touch(p.Slot).ToMe += (float)weight;
            }
        }

        foreach (var code in me.Offers)
        {
            var spec = codeSpec[code];
            var weight = (1 - Model.DomainCredit) * spec;
            foreach (var p in seekers.Get(other, code))
            {
                s.Touch(p.Slot).FromMe += (float)weight;
            }

            foreach (var p in offerers.Get(other, code))
            {
                s.Touch(p.Slot).Peer += (float)spec;
            }
        }

        foreach (var domain in me.OfferDomains)
        {
            foreach (var p in domainSeekers.Get(other, domain))
            {
                s.Touch(p.Slot).FromMe += (float)p.Weight;
            }
        }

        foreach (var programme in me.Programmes)
        {
            var spec = programmeSpec[programme];
            foreach (var p in programmeMembers.Get(other, programme))
            {
                s.Touch(p.Slot).Programme += (float)spec;
            }

            foreach (var (related, credit) in relatedProgrammes[programme])
            {
                foreach (var p in programmeMembers.Get(other, related))
                {
                    s.Touch(p.Slot).Programme += (float)credit;
                }
            }
        }

        // Text links alone do not make a candidate; they only sharpen the bound of linked ones.
        var terms = me.Text.Terms;
        var weights = me.Text.Weights;
        for (var k = 0; k < terms.Length; k++)
        {
            var weight = (double)weights[k];
            foreach (var p in termHolders.Get(other, terms[k]))
            {
                ref var sum = ref s.Sums[p.Slot];
                if (sum.Epoch == s.Epoch)
                {
                    sum.Text += (float)(weight * p.Weight);
                }
            }
        }
    }

    /// <summary>
    /// A cheaper, looser <see cref="Bound"/> (modes, size and languages at their best), written out
    /// because it runs for every candidate; the slack covers its different rounding.
    /// </summary>
    private double CoarseBound(double myNeed, double affinityBase, int slot, Scratch s)
    {
        ref var sum = ref s.Sums[slot];
        double toMe = sum.ToMe, fromMe = sum.FromMe, need = needs[slot];
        var toA = myNeed <= 0 || toMe <= 0 ? 0 : (0.5 * Math.Min(1.0, toMe / myNeed)) + (0.5 * toMe / (toMe + Model.Saturation));
        var toB = need <= 0 || fromMe <= 0 ? 0 : (0.5 * Math.Min(1.0, fromMe / need)) + (0.5 * fromMe / (fromMe + Model.Saturation));
        var complement = (Model.StrongSide * Math.Max(toA, toB)) + ((1 - Model.StrongSide) * Math.Min(toA, toB));
        double peer = sum.Peer, programme = sum.Programme;
        var affinity = affinityBase
            + (Model.WeightProgramme * programme / (programme + Model.Saturation))
            + (Model.WeightText * Math.Min(1.0, (sum.Text + IndexSlack) / Model.TextFull));
        return (Model.WeightComplement * complement)
            + (Model.WeightPeer * peer / (peer + Model.Saturation))
            + (Math.Min(1.0, complement / Model.AffinityFull) * affinity)
            + IndexSlack;
    }

    /// <summary>
    /// The highest raw score <paramref name="me"/> can reach with the firm in <paramref name="slot"/>:
    /// index sums for capabilities and programmes, exact modes, size and languages from the
    /// summaries, text from the term index, best case for readiness (met) and compliance (no gap).
    /// </summary>
    private double Bound(Firm me, int slot, Scratch s)
    {
        ref var sum = ref s.Sums[slot];
        ref var mine = ref summaries[me.Slot];
        ref var theirs = ref summaries[slot];
        var f = new PairFeatures
        {
            ServeAToB = sum.FromMe,
            ServeBToA = sum.ToMe,
            Peer = sum.Peer,
            Programme = sum.Programme,
            Cosine = sum.Text + IndexSlack,
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
                (true, false) => (shared & supplyModeMask) != 0 || sum.ToMe > 0,
                (false, true) => (shared & supplyModeMask) != 0 || sum.FromMe > 0,
            };
            f.SharedLanguage = (mine.Languages & theirs.Languages) != 0;
        }

        return ScoreParts.From(f, me.Need, theirs.Need).Raw + IndexSlack;
    }

    /// <summary>
    /// The exact top list of <paramref name="me"/>. The firms with the highest bounds are scored
    /// first; every other candidate is scored only if its bound beats the current last place.
    /// </summary>
    private Ranked[] Search(Firm me, int top, Scratch s)
    {
        if (top == 0)
        {
            return [];
        }

        Accumulate(me, s);
        var n = s.TouchedCount;
        const double affinityBase = Model.WeightModes + Model.WeightSize + Model.WeightLanguage;
        for (var k = 0; k < n; k++)
        {
            s.Order[k] = s.Touched[k];
            s.Bounds[k] = CoarseBound(me.Need, affinityBase, s.Touched[k], s);
        }

        // The best coarse bounds first, to set a high last place early; then, of the rest, only
        // those whose coarse and then fine bounds reach it, in falling order, until one does not.
        var first = Math.Min(n, Math.Max(2 * top, 16));
        SelectLargest(s.Bounds, s.Order, n, first);
        var best = new TopList(top);
        for (var k = 0; k < first; k++)
        {
            s.Bounds[k] = Bound(me, s.Order[k], s);
        }

        Array.Sort(s.Bounds, s.Order, 0, first);
        ScoreInOrder(me, s, 0, first, best);
        var kept = first;
        var floor = best.IsFull ? best.Worst.Raw : double.NegativeInfinity;
        for (var k = first; k < n; k++)
        {
            if (s.Bounds[k] >= floor)
            {
                var bound = Bound(me, s.Order[k], s);
                if (bound >= floor)
                {
                    s.Bounds[kept] = bound;
                    s.Order[kept] = s.Order[k];
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

    /// <summary>Reorders so that the <paramref name="m"/> largest keys come first (quickselect).</summary>
    private static void SelectLargest(double[] keys, int[] items, int n, int m)
    {
        int lo = 0, hi = n - 1;
        while (lo < hi && m > lo && m <= hi)
        {
            var pivot = keys[lo + ((hi - lo) / 2)];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (keys[i] > pivot)
                {
                    i++;
                }

                while (keys[j] < pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (keys[i], keys[j]) = (keys[j], keys[i]);
                    (items[i], items[j]) = (items[j], items[i]);
                    i++;
                    j--;
                }
            }

            if (m <= j)
            {
                hi = j;
            }
            else if (m >= i)
            {
                lo = i;
            }
            else
            {
                return;
            }
        }
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
