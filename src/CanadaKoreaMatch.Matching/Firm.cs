using CanadaKoreaMatch.Matching.Text;

namespace CanadaKoreaMatch.Matching;

/// <summary>A profile compiled for scoring: every set is an ascending array of dense ids.</summary>
internal sealed class Firm
{
    public required MatchProfile Profile { get; init; }

    public required int Slot { get; init; }

    public required int Side { get; init; }

    public Guid Id => Profile.Id;

    public required int[] Offers { get; init; }

    /// <summary>TRL per offered code (0 when not stated), parallel to <see cref="Offers"/>.</summary>
    public required int[] OfferTrl { get; init; }

    public required int[] Seeks { get; init; }

    public required int[] SeekTrl { get; init; }

    /// <summary>Domains of offered codes, ascending.</summary>
    public required int[] OfferDomains { get; init; }

    /// <summary>Domains of sought codes, ascending, with the summed specificity of the codes sought in each.</summary>
    public required int[] SeekDomains { get; init; }

    public required double[] SeekDomainSpec { get; init; }

    public required int[] Programmes { get; init; }

    public required int[] Modes { get; init; }

    public required int[] Compliance { get; init; }

    public required int[] Languages { get; init; }

    public required bool HoldsControlledCredential { get; init; }

    public required TermVector Text { get; init; }

    public required HashSet<Guid> Excluded { get; init; }

    public bool IsLarge => Profile.Size == CompanySize.Large;

    public bool OffersDomain(int domain) => SortedIds.Contains(OfferDomains, domain);
}

/// <summary>
/// The few facts of a firm that bound its score with anyone, packed so that bounding a
/// candidate reads one small record instead of the whole profile.
/// </summary>
internal readonly struct Summary
{
    public ulong Modes { get; init; }

    public ulong Languages { get; init; }

    public int ModeCount { get; init; }

    public bool IsLarge { get; init; }

    /// <summary>An id beyond 63 did not fit the masks: bounds then assume the best for modes and languages.</summary>
    public bool Overflow { get; init; }

    /// <summary>
    /// The controlled codes the firm offers, one bit per controlled code. Codes past the 64th are
    /// left out, so a bound may miss a compliance gap but never counts one that is not there.
    /// </summary>
    public ulong ControlledOffers { get; init; }

    public ulong ControlledSeeks { get; init; }

    public bool HoldsControlledCredential { get; init; }

    public static Summary Of(Firm firm, IReadOnlyList<int> controlledBit) => new()
    {
        Modes = Mask(firm.Modes),
        Languages = Mask(firm.Languages),
        ModeCount = firm.Modes.Length,
        IsLarge = firm.IsLarge,
        Overflow = firm.Modes.Concat(firm.Languages).Any(id => id >= 64),
        ControlledOffers = Mask([.. firm.Offers.Select(c => controlledBit[c]).Where(b => b >= 0)]),
        ControlledSeeks = Mask([.. firm.Seeks.Select(c => controlledBit[c]).Where(b => b >= 0)]),
        HoldsControlledCredential = firm.HoldsControlledCredential,
    };

    private static ulong Mask(int[] ids)
    {
        var mask = 0UL;
        foreach (var id in ids)
        {
            if (id < 64)
            {
                mask |= 1UL << id;
            }
        }

        return mask;
    }
}
