using System.Globalization;
using CanadaKoreaMatch.Matching;
using static CanadaKoreaMatch.Benchmarks.Quality.DistractorVocabulary;

namespace CanadaKoreaMatch.Benchmarks.Quality;

/// <summary>The kinds of firm a real defence directory holds, with the number of needs each lists.</summary>
internal enum DistractorKind
{
    /// <summary>Small firm with one or two things to sell and one or two needs.</summary>
    SingleNeedSme,

    /// <summary>Small specialist: two to four offers, two to four needs.</summary>
    SpecialistSme,

    /// <summary>Mid-size firm: three to five offers, three to five needs.</summary>
    MidSizeFirm,

    /// <summary>Broad prime: many offers and six to ten needs.</summary>
    BroadPrime,
}

/// <summary>A synthetic firm and the facts of its shape, for the printed summary and the tests.</summary>
internal sealed record Distractor(MatchProfile Profile, DistractorKind Kind, string DescriptionLanguage);

/// <summary>Counts describing a generated pool, printed with every run.</summary>
internal sealed record DistractorShape(
    int Total,
    IReadOnlyDictionary<string, int> ByCountry,
    IReadOnlyDictionary<DistractorKind, int> ByKind,
    int SingleNeedSmes,
    int PrimesWithSixToTenNeeds,
    IReadOnlyDictionary<string, int> ByDescriptionLanguage,
    IReadOnlyList<(string Code, int Firms)> MostNamedCodes,
    int MedianCodeFirms,
    IReadOnlyList<(string Code, int Firms)> LeastNamedCodes);

/// <summary>
/// Deterministic synthetic firms that stand in for a real directory around the labelled firms.
/// Shape rules (all explicit below): half Canadian, half Korean, the same mix of kinds in each
/// country (45 % single-need SMEs, 25 % specialist SMEs, 15 % mid-size firms, 15 % broad primes);
/// code popularity is Zipf-like (weight 1/(rank + 2)^1.5 over a seeded order of the 45 codes), and offers
/// cluster in a home domain; descriptions are in English, French or Korean, some bilingual.
/// </summary>
internal static class DistractorGenerator
{
    public const int DefaultCount = 1200;

    public const int DefaultSeed = 20260;

    /// <summary>Share of each kind, in twentieths: 9 + 5 + 3 + 3 = 20.</summary>
    private static readonly (DistractorKind Kind, int Twentieths)[] KindMix =
    [
        (DistractorKind.SingleNeedSme, 9),
        (DistractorKind.SpecialistSme, 5),
        (DistractorKind.MidSizeFirm, 3),
        (DistractorKind.BroadPrime, 3),
    ];

    /// <summary>Offers and needs per kind, inclusive ranges.</summary>
    private static (int MinOffers, int MaxOffers, int MinSeeks, int MaxSeeks) Ranges(DistractorKind kind) => kind switch
    {
        DistractorKind.SingleNeedSme => (1, 2, 1, 2),
        DistractorKind.SpecialistSme => (2, 4, 2, 4),
        DistractorKind.MidSizeFirm => (3, 5, 3, 5),
        _ => (6, 12, 6, 10),
    };

    /// <summary>
    /// Zipf–Mandelbrot popularity of codes, weight 1/(rank + offset)^exponent: the most popular code
    /// is drawn about 60 times as often as the rarest, the head a little flatter than pure Zipf.
    /// </summary>
    private const double ZipfExponent = 1.5;

    private const double ZipfOffset = 2;

    /// <summary>Share of offered capabilities that carry a note, as many directory entries do.</summary>
    private const double NotedShare = 0.35;

    /// <summary>Chance that a further offer stays in the domain of the firm's first offer.</summary>
    private const double HomeDomainShare = 0.6;

    public static List<Distractor> Generate(int count = DefaultCount, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var codes = Phrases.Keys.Order(StringComparer.Ordinal).ToArray();
        random.Shuffle(codes);
        var weights = codes.Select((_, rank) => 1.0 / Math.Pow(rank + 1 + ZipfOffset, ZipfExponent)).ToArray();
        var kinds = new Dictionary<string, Queue<DistractorKind>>(StringComparer.Ordinal)
        {
            ["CA"] = KindsFor((count + 1) / 2, random),
            ["KR"] = KindsFor(count / 2, random),
        };

        var firms = new List<Distractor>(count);
        for (var i = 0; i < count; i++)
        {
            var country = i % 2 == 0 ? "CA" : "KR";
            firms.Add(Firm(random, i, country, kinds[country].Dequeue(), codes, weights));
        }

        return firms;
    }

    public static DistractorShape Describe(IReadOnlyList<Distractor> firms)
    {
        var named = firms
            .SelectMany(f => f.Profile.Offers.Concat(f.Profile.Seeks).Select(c => c.Code).Distinct())
            .GroupBy(c => c, StringComparer.Ordinal)
            .Select(g => (Code: g.Key, Firms: g.Count()))
            .OrderByDescending(x => x.Firms)
            .ThenBy(x => x.Code, StringComparer.Ordinal)
            .ToList();
        return new DistractorShape(
            firms.Count,
            firms.GroupBy(f => f.Profile.Country, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            firms.GroupBy(f => f.Kind).ToDictionary(g => g.Key, g => g.Count()),
            firms.Count(f => f.Profile.Size == CompanySize.Sme && f.Profile.Seeks.Count <= 2),
            firms.Count(f => f.Kind == DistractorKind.BroadPrime && f.Profile.Seeks.Count is >= 6 and <= 10),
            firms.GroupBy(f => f.DescriptionLanguage, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            named.Take(5).ToList(),
            named.Count == 0 ? 0 : named[named.Count / 2].Firms,
            named.TakeLast(5).ToList());
    }

    private static Queue<DistractorKind> KindsFor(int count, Random random)
    {
        var list = new List<DistractorKind>(count);
        foreach (var (kind, twentieths) in KindMix)
        {
            list.AddRange(Enumerable.Repeat(kind, count * twentieths / 20));
        }

        while (list.Count < count)
        {
            list.Add(DistractorKind.SingleNeedSme);
        }

        var array = list.ToArray();
        random.Shuffle(array);
        return new Queue<DistractorKind>(array);
    }

    private static Distractor Firm(Random random, int index, string country, DistractorKind kind, string[] codes, double[] weights)
    {
        var canadian = country == "CA";
        var prime = kind == DistractorKind.BroadPrime;
        var (minOffers, maxOffers, minSeeks, maxSeeks) = Ranges(kind);
        var offers = DrawOffers(random, codes, weights, random.Next(minOffers, maxOffers + 1));
        var seeks = Draw(random, codes, weights, random.Next(minSeeks, maxSeeks + 1), offers, null);
        var (languages, descriptionLanguage) = Languages(random, canadian);
        var name = Name(random, canadian, index);
        var programmes = Programmes(random, canadian, prime ? random.Next(1, 5) : random.Next(0, 3));
        var primary = descriptionLanguage[..2];

        return new Distractor(
            new MatchProfile
            {
                Id = NewId(random),
                Name = name,
                Country = country,
                Size = prime || (kind == DistractorKind.MidSizeFirm && random.NextDouble() < 0.5) ? CompanySize.Large : CompanySize.Sme,
                Offers = [.. offers.Select(c => new CapabilityClaim(c, random.NextDouble() < 0.5 ? random.Next(4, 10) : null, random.NextDouble() < NotedShare ? PhraseIn(primary, c) : null))],
                Seeks = [.. seeks.Select(c => new CapabilityClaim(c, random.NextDouble() < 0.2 ? random.Next(6, 9) : null))],
                Modes = ModesFor(random, prime),
                Programmes = programmes,
                Compliance = Compliance(random, canadian, prime),
                Languages = languages,
                Description = Describe(random, new Facts(name, canadian, offers, seeks, programmes), descriptionLanguage),
            },
            kind,
            descriptionLanguage);
    }

    /// <summary>The first offer by global popularity; each further one stays in that domain with <see cref="HomeDomainShare"/>.</summary>
    private static List<string> DrawOffers(Random random, string[] codes, double[] weights, int count)
    {
        var offers = Draw(random, codes, weights, 1, [], null);
        var home = offers[0][..offers[0].IndexOf('.', StringComparison.Ordinal)];
        while (offers.Count < count)
        {
            var inHome = random.NextDouble() < HomeDomainShare;
            var next = Draw(random, codes, weights, 1, offers, inHome ? home : null);
            if (next.Count == 0)
            {
                next = Draw(random, codes, weights, 1, offers, null);
            }

            offers.AddRange(next);
        }

        return offers;
    }

    private static List<string> Draw(Random random, string[] codes, double[] weights, int count, List<string> avoid, string? domain)
    {
        var candidates = Enumerable.Range(0, codes.Length)
            .Where(i => domain is null || codes[i].StartsWith(domain + ".", StringComparison.Ordinal))
            .ToList();
        var chosen = new List<string>(count);
        for (var guard = 0; chosen.Count < count && guard < 200; guard++)
        {
            var open = candidates.Where(i => !avoid.Contains(codes[i]) && !chosen.Contains(codes[i])).ToList();
            if (open.Count == 0)
            {
                break;
            }

            var x = random.NextDouble() * open.Sum(i => weights[i]);
            var pick = open[^1];
            foreach (var i in open)
            {
                x -= weights[i];
                if (x <= 0)
                {
                    pick = i;
                    break;
                }
            }

            chosen.Add(codes[pick]);
        }

        return chosen;
    }

    /// <summary>
    /// Canada: 60 % English only (English text), 25 % English and French (half bilingual text, a
    /// third English, the rest French), 15 % French only. Korea: 40 % Korean only, 60 % Korean and
    /// English (half bilingual text, 30 % Korean, 20 % English).
    /// </summary>
    private static (string[] Languages, string DescriptionLanguage) Languages(Random random, bool canadian)
    {
        var x = random.NextDouble();
        var y = random.NextDouble();
        if (canadian)
        {
            return x switch
            {
                < 0.60 => (["EN"], "EN"),
                < 0.85 => (["EN", "FR"], y < 0.5 ? "EN+FR" : y < 0.83 ? "EN" : "FR"),
                _ => (["FR"], "FR"),
            };
        }

        return x < 0.40 ? (["KO"], "KO") : (["KO", "EN"], y < 0.5 ? "KO+EN" : y < 0.8 ? "KO" : "EN");
    }

    private static string Name(Random random, bool canadian, int index)
    {
        var stem = string.Concat(Enumerable.Range(0, 2).Select(_ => Syllables[random.Next(Syllables.Length)]));
        var suffixes = canadian ? CanadianSuffixes : KoreanSuffixes;
        return string.Create(CultureInfo.InvariantCulture, $"{char.ToUpperInvariant(stem[0])}{stem[1..]} {suffixes[random.Next(suffixes.Length)]} {index}");
    }

    /// <summary>Programmes, 70 % from the firm's own country's list.</summary>
    private static List<string> Programmes(Random random, bool canadian, int count)
    {
        var programmes = new List<string>();
        for (var k = 0; k < count; k++)
        {
            var home = random.NextDouble() < 0.7 == canadian ? CanadianProgrammes : KoreanProgrammes;
            var programme = home[random.Next(home.Length)];
            if (!programmes.Contains(programme))
            {
                programmes.Add(programme);
            }
        }

        return programmes;
    }

    /// <summary>SMEs: one to three modes, SUPPLY_CHAIN more often than not; primes: three to five.</summary>
    private static List<string> ModesFor(Random random, bool prime)
    {
        var count = prime ? random.Next(3, 6) : random.Next(1, 4);
        var modes = new List<string>();
        if (!prime && random.NextDouble() < 0.6)
        {
            modes.Add("SUPPLY_CHAIN");
        }

        foreach (var mode in Modes.OrderBy(_ => random.Next()))
        {
            if (modes.Count >= count)
            {
                break;
            }

            if (!modes.Contains(mode))
            {
                modes.Add(mode);
            }
        }

        return modes;
    }

    /// <summary>Registrations and certifications, far more common among primes.</summary>
    private static List<string> Compliance(Random random, bool canadian, bool prime)
    {
        var held = new List<string>();
        void Maybe(string code, double sme, double large)
        {
            if (random.NextDouble() < (prime ? large : sme))
            {
                held.Add(code);
            }
        }

        if (canadian)
        {
            Maybe("CGP", 0.45, 0.9);
            Maybe("ISO9001", 0.5, 0.9);
            Maybe("AS9100", 0.15, 0.5);
            Maybe("FSC", 0.15, 0.5);
            Maybe("DOS", 0.1, 0.4);
            Maybe("ITAR", 0.2, 0.6);
        }
        else
        {
            Maybe("DAPA", 0.6, 0.95);
            Maybe("DTSA", 0.15, 0.6);
            Maybe("ISO9001", 0.5, 0.9);
            Maybe("AS9100", 0.1, 0.4);
        }

        return held;
    }

    private sealed record Facts(string Name, bool Canadian, List<string> Offers, List<string> Seeks, List<string> Programmes);

    private static string Describe(Random random, Facts facts, string language) => language switch
    {
        "EN+FR" => $"{Text(random, facts, "EN")} / {Text(random, facts, "FR")}",
        "KO+EN" => $"{Text(random, facts, "KO")} {Text(random, facts, "EN")}",
        _ => Text(random, facts, language),
    };

    private static string PhraseIn(string language, string code) => language switch
    {
        "FR" => Phrases[code].Fr,
        "KO" => Phrases[code].Ko,
        _ => Phrases[code].En,
    };

    /// <summary>
    /// What a directory entry says, in one language: what the firm does, where it is, whom it
    /// serves, the programmes it follows, what it looks for, and (most) a word on working with
    /// firms of the other country, the purpose of the platform.
    /// </summary>
    private static string Text(Random random, Facts facts, string language)
    {
        string Pick(string[] items) => items[random.Next(items.Length)];
        string Format(string template, params object[] values) => string.Format(CultureInfo.InvariantCulture, template, values);

        var (openers, seeking, joiner) = language switch
        {
            "FR" => (FrenchOpeners, FrenchSeeking, " et "),
            "KO" => (KoreanOpeners, KoreanSeeking, ", "),
            _ => (Openers, Seeking, " and "),
        };
        var offered = string.Join(joiner, facts.Offers.Take(3).Select(c => PhraseIn(language, c)));
        var sought = string.Join(joiner, facts.Seeks.Take(3).Select(c => PhraseIn(language, c)));
        var sentences = new List<string> { Format(Pick(openers), facts.Name, offered) };

        if (random.NextDouble() < 0.6)
        {
            var place = CanadianPlaces[random.Next(CanadianPlaces.Length)];
            sentences.Add(language switch
            {
                "KO" => Format("{0}에 본사를 두고 있습니다.", KoreanPlaces[random.Next(KoreanPlaces.Length)].Ko),
                "FR" => Format("Établie à {0}.", place.Name),
                _ when facts.Canadian => Format("Based in {0}, {1}.", place.Name, place.Province),
                _ => Format("Headquartered in {0}, Korea.", KoreanPlaces[random.Next(KoreanPlaces.Length)].En),
            });
        }

        if (random.NextDouble() < 0.5)
        {
            sentences.Add(Pick(language switch
            {
                "KO" => KoreanCustomers,
                "FR" => FrenchCustomers,
                _ => facts.Canadian ? CanadianCustomers : KoreanCustomersInEnglish,
            }));
        }

        if (facts.Programmes.Count > 0 && random.NextDouble() < 0.7)
        {
            var named = string.Join(joiner, facts.Programmes.Select(p => language switch
            {
                "FR" => ProgrammeNames[p].Fr,
                "KO" => ProgrammeNames[p].Ko,
                _ => ProgrammeNames[p].En,
            }));
            sentences.Add(language switch
            {
                "KO" => Format("{0} 사업에 참여하고자 합니다.", named),
                "FR" => Format("Nous visons {0}.", named),
                _ => Format("We follow {0}.", named),
            });
        }

        sentences.Add(Format(Pick(seeking), sought));
        if (random.NextDouble() < 0.7)
        {
            sentences.Add(Pick(language switch
            {
                "KO" => KoreanOutreach,
                "FR" => FrenchOutreach,
                _ => facts.Canadian ? CanadianOutreach : KoreanOutreachInEnglish,
            }));
        }

        return string.Join(' ', sentences);
    }

    private static Guid NewId(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
