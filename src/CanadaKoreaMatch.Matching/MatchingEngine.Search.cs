namespace CanadaKoreaMatch.Matching;

public sealed partial class MatchingEngine
{
    private const double BoundSlack = 1e-9;

    /// <summary>One ranked counterpart: slot, exact raw score, id for ties.</summary>
    internal readonly record struct Ranked(int Slot, double Raw, Guid Id)
    {
        public bool IsBetterThan(Ranked other) => Raw > other.Raw || (Raw == other.Raw && Id.CompareTo(other.Id) < 0);
    }

    /// <summary>Per-thread accumulators indexed by slot, reset in O(touched).</summary>
    internal sealed class Scratch
    {
        public double[] ServeToMe = [];
        public double[] ServeFromMe = [];
        public double[] Peer = [];
        public double[] Programme = [];
        public int[] Stamp = [];
        public int Epoch;
        public int[] Touched = [];
        public int TouchedCount;
        public double[] Bounds = [];
        public int[] Order = [];

        public void Begin(int capacity)
        {
            if (Stamp.Length < capacity)
            {
                var size = Math.Max(capacity, Stamp.Length * 2);
                ServeToMe = new double[size];
                ServeFromMe = new double[size];
                Peer = new double[size];
                Programme = new double[size];
                Stamp = new int[size];
                Touched = new int[size];
                Bounds = new double[size];
                Order = new int[size];
                Epoch = 0;
            }

            Epoch++;
            if (Epoch == int.MaxValue)
            {
                Array.Clear(Stamp);
                Epoch = 1;
            }

            TouchedCount = 0;
        }

        public void Touch(int slot)
        {
            if (Stamp[slot] != Epoch)
            {
                Stamp[slot] = Epoch;
                ServeToMe[slot] = 0;
                ServeFromMe[slot] = 0;
                Peer[slot] = 0;
                Programme[slot] = 0;
                Touched[TouchedCount++] = slot;
            }
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
        for (var k = 0; k < me.Seeks.Length; k++)
        {
            var code = me.Seeks[k];
            var weight = (1 - Model.DomainCredit) * codeSpec[code];
            foreach (var slot in offerers.Get(other, code))
            {
                s.Touch(slot);
                s.ServeToMe[slot] += weight;
            }
        }

        for (var k = 0; k < me.SeekDomains.Length; k++)
        {
            var weight = Model.DomainCredit * me.SeekDomainSpec[k];
            foreach (var slot in domainOfferers.Get(other, me.SeekDomains[k]))
            {
                s.Touch(slot);
                s.ServeToMe[slot] += weight;
            }
        }

        foreach (var code in me.Offers)
        {
            var spec = codeSpec[code];
            var weight = (1 - Model.DomainCredit) * spec;
            foreach (var slot in seekers.Get(other, code))
            {
                s.Touch(slot);
                s.ServeFromMe[slot] += weight;
            }

            foreach (var slot in offerers.Get(other, code))
            {
                s.Touch(slot);
                s.Peer[slot] += spec;
            }
        }

        foreach (var domain in me.OfferDomains)
        {
            foreach (var slot in domainSeekers.Get(other, domain))
            {
                s.Touch(slot);
                var firm = slots[slot]!;
                var at = Array.BinarySearch(firm.SeekDomains, domain);
                s.ServeFromMe[slot] += Model.DomainCredit * firm.SeekDomainSpec[at];
            }
        }

        foreach (var programme in me.Programmes)
        {
            var spec = programmeSpec[programme];
            foreach (var slot in programmeMembers.Get(other, programme))
            {
                s.Touch(slot);
                s.Programme[slot] += spec;
            }

            foreach (var (related, credit) in relatedProgrammes[programme])
            {
                foreach (var slot in programmeMembers.Get(other, related))
                {
                    s.Touch(slot);
                    s.Programme[slot] += credit;
                }
            }
        }
    }

    private double Bound(Firm me, int slot, Scratch s) =>
        ScoreParts.UpperBound(s.ServeToMe[slot], me.Need, s.ServeFromMe[slot], slots[slot]!.Need, s.Peer[slot], s.Programme[slot])
        + BoundSlack;

    /// <summary>
    /// The exact top list of <paramref name="me"/>. The firms with the highest bounds are scored
    /// first; every other candidate is scored only if its bound beats the current last place.
    /// </summary>
    private Ranked[] Search(Firm me, int top, Scratch s)
    {
        Accumulate(me, s);
        var n = s.TouchedCount;
        for (var k = 0; k < n; k++)
        {
            s.Order[k] = s.Touched[k];
            s.Bounds[k] = Bound(me, s.Touched[k], s);
        }

        var first = Math.Min(n, Math.Max(4 * top, 32));
        SelectLargest(s.Bounds, s.Order, n, first);
        var best = new TopList(top);
        for (var k = 0; k < n; k++)
        {
            if (k >= first && best.IsFull && s.Bounds[k] < best.Worst.Raw)
            {
                continue;
            }

            var firm = slots[s.Order[k]]!;
            var raw = ExactRaw(me, firm);
            if (raw >= 0)
            {
                best.Offer(new Ranked(firm.Slot, raw, firm.Id));
            }
        }

        return best.ToArray();
    }

    /// <summary>Scores <paramref name="me"/> against every firm of the other country: the reference the index must equal.</summary>
    internal Ranked[] SearchExhaustive(Firm me, int top)
    {
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
