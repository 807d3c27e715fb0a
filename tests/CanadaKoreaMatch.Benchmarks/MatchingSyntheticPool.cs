using CanadaKoreaMatch.Matching;

namespace CanadaKoreaMatch.Benchmarks;

/// <summary>
/// Deterministic synthetic firms for tests and the benchmark: half Canadian, half Korean,
/// capabilities drawn with a skewed popularity, descriptions in English, French or Korean built
/// from domain phrases, plus an invented product name so that some terms are rare.
/// </summary>
internal static class MatchingSyntheticPool
{
    public static readonly string[] Codes =
    [
        "MAR.SHIP", "MAR.SUB", "MAR.MRO", "MAR.HANDLING", "MAR.PROP", "MAR.UNCREWED",
        "LAND.ARMOUR", "LAND.ARTY", "LAND.SOLDIER", "AIR.AIRCRAFT", "AIR.ROTOR", "AIR.MRO", "AIR.UAS",
        "MUN.GUIDED", "MUN.AMMO", "SENS.RADAR", "SENS.SONAR", "SENS.EO", "SENS.C2", "SENS.EW", "SENS.COMMS",
        "SPACE.SAT", "SPACE.LAUNCH", "SPACE.EO", "SPACE.SATCOM", "DIGI.AI", "DIGI.QUANTUM", "DIGI.CYBER",
        "DIGI.SEMI", "DIGI.NET", "DIGI.SIM", "DIGI.HEALTH", "MAT.CRITICAL", "MAT.REFINING", "MAT.METALS",
        "MAT.BATTERY", "MAT.COMPOSITE", "MFG.PRECISION", "MFG.ELECTRONICS", "MFG.ILS", "MFG.INTEGRATION",
        "SVC.TRAINING", "SVC.ARCTIC", "SVC.INFRA", "SVC.RESEARCH",
    ];

    public static readonly string[] Modes =
        ["CO_DEVELOPMENT", "CO_PRODUCTION", "CO_SUSTAINMENT", "TECH_TRANSFER", "JOINT_RD", "JOINT_BID", "SUPPLY_CHAIN", "INVESTMENT"];

    private static readonly string[] CanadianProgrammes =
        ["CPSP", "NORAD_MOD", "RIVER_DESTROYER", "LAND_MOD", "ARTY_MOD", "DRONES", "AIRCREW_TRAINING", "CRITICAL_MINERALS", "ARCTIC"];

    private static readonly string[] KoreanProgrammes = ["KSS3", "K9_K2_EXPORT", "KF21", "SPACE_LAUNCH"];

    private static readonly Dictionary<string, string[][]> Phrases = new()
    {
        ["MAR"] =
        [
            ["naval shipbuilding and hull fabrication", "through-life support of submarines", "ship handling and recovery systems", "marine propulsion integration"],
            ["construction navale et fabrication de coques", "soutien en service des sous-marins", "systèmes de manutention d'hélicoptères", "intégration de la propulsion marine"],
            ["함정 건조 및 선체 제작", "잠수함 정비 및 후속 지원", "함정 탑재 장비 운용", "추진 체계 통합"],
        ],
        ["LAND"] =
        [
            ["armoured vehicle production and upgrades", "self-propelled howitzer maintenance", "soldier systems and small arms"],
            ["production de véhicules blindés", "entretien d'obusiers automoteurs", "systèmes du soldat et armes légères"],
            ["장갑차 생산 및 개량", "자주포 정비 지원", "개인 전투 체계"],
        ],
        ["AIR"] =
        [
            ["light combat aircraft components", "rotorcraft maintenance and overhaul", "uncrewed aerial systems and counter-drone sensors"],
            ["composants d'avions de combat légers", "maintenance des giravions", "systèmes aériens sans pilote et lutte anti-drones"],
            ["경공격기 부품", "회전익 항공기 정비", "무인 항공기 및 대드론 체계"],
        ],
        ["MUN"] =
        [
            ["guided missile subsystems", "ammunition and energetics manufacturing"],
            ["sous-systèmes de missiles guidés", "fabrication de munitions et matières énergétiques"],
            ["유도 미사일 구성품", "탄약 및 추진제 생산"],
        ],
        ["SENS"] =
        [
            ["over-the-horizon radar and polar surveillance", "sonar arrays and undersea detection", "sensor fusion for command and control", "electronic warfare receivers", "secure tactical radio communications"],
            ["radar transhorizon et surveillance polaire", "réseaux sonar et détection sous-marine", "fusion de capteurs pour le commandement", "récepteurs de guerre électronique", "communications radio tactiques sécurisées"],
            ["초수평선 레이더 및 극지 감시", "소나 및 수중 탐지", "지휘 통제 센서 융합", "전자전 수신기", "보안 전술 통신"],
        ],
        ["SPACE"] =
        [
            ["small satellite payloads", "launch services and ground segment", "space-based Earth observation", "low Earth orbit satellite communications"],
            ["charges utiles de petits satellites", "services de lancement et segment sol", "observation de la Terre depuis l'espace", "communications par satellite en orbite basse"],
            ["소형 위성 탑재체", "발사 서비스 및 지상국", "우주 기반 지구 관측", "저궤도 위성 통신"],
        ],
        ["DIGI"] =
        [
            ["artificial intelligence for autonomy", "quantum sensing and secure communications", "cyber security of critical infrastructure", "semiconductor design and advanced electronics", "military 5G networks", "training and simulation systems", "machinery condition monitoring and predictive maintenance"],
            ["intelligence artificielle pour l'autonomie", "capteurs quantiques et communications sécurisées", "cybersécurité des infrastructures critiques", "conception de semi-conducteurs", "réseaux 5G militaires", "systèmes de formation et de simulation", "surveillance de l'état des machines et maintenance prédictive"],
            ["자율 인공지능", "양자 센싱 및 보안 통신", "핵심 기반시설 사이버 보안", "반도체 설계 및 첨단 전자", "군 5G 네트워크", "훈련 및 시뮬레이션 체계", "장비 상태 감시 및 예측 정비"],
        ],
        ["MAT"] =
        [
            ["critical minerals such as lithium, nickel and graphite", "mineral processing and refining", "steel plate and specialty alloys", "battery cells and energy storage", "advanced composite materials"],
            ["minéraux critiques comme le lithium, le nickel et le graphite", "traitement et raffinage des minéraux", "tôles d'acier et alliages spéciaux", "cellules de batteries et stockage d'énergie", "matériaux composites avancés"],
            ["리튬 니켈 흑연 등 핵심 광물", "광물 가공 및 정제", "후판 및 특수 합금", "배터리 셀 및 에너지 저장", "첨단 복합 소재"],
        ],
        ["MFG"] =
        [
            ["precision machining of defence parts", "electronics manufacturing services", "integrated logistics support and spare parts", "systems engineering and integration"],
            ["usinage de précision de pièces de défense", "services de fabrication électronique", "soutien logistique intégré et pièces de rechange", "ingénierie et intégration de systèmes"],
            ["방산 부품 정밀 가공", "전자 제조 서비스", "종합 군수 지원 및 수리 부속", "체계 공학 및 통합"],
        ],
        ["SVC"] =
        [
            ["instructor-led training services", "arctic and cold-weather operations", "defence infrastructure construction", "applied research and testing"],
            ["services de formation par instructeurs", "opérations dans l'Arctique et par temps froid", "construction d'infrastructures de défense", "recherche appliquée et essais"],
            ["교관 훈련 서비스", "극지 및 혹한기 작전", "국방 시설 건설", "응용 연구 및 시험"],
        ],
    };

    private static readonly string[][] Openers =
    [
        ["We are a company specialised in {0}.", "Our team delivers {0} for naval and land programmes.", "Family-owned supplier of {0}."],
        ["Nous sommes une entreprise spécialisée en {0}.", "Notre équipe offre {0} pour les programmes navals et terrestres.", "Fournisseur familial de {0}."],
        ["{0} 전문 기업입니다.", "해군 및 지상 사업을 위한 {0} 역량을 보유하고 있습니다.", "{0} 분야 중소 방산 기업."],
    ];

    private static readonly string[][] Seeking =
    [
        ["We are looking for partners in {0}.", "Seeking a partner for {0}."],
        ["Nous cherchons des partenaires en {0}.", "À la recherche d'un partenaire pour {0}."],
        ["{0} 분야 협력사를 찾습니다.", "{0} 파트너를 모집합니다."],
    ];

    private static readonly string[] Syllables = ["ka", "lo", "ri", "ven", "tor", "mi", "sa", "dex", "qua", "nor", "bel", "zu", "tek", "ora", "lyn"];

    public static List<MatchProfile> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var popularity = Codes.Select((_, i) => 1.0 / Math.Pow(i + 1, 0.7)).ToArray();
        var order = Codes.ToArray();
        random.Shuffle(order);
        var profiles = new List<MatchProfile>(count);
        for (var i = 0; i < count; i++)
        {
            profiles.Add(Firm(random, i, order, popularity));
        }

        return profiles;
    }

    private static MatchProfile Firm(Random random, int index, string[] codes, double[] popularity)
    {
        var canadian = index % 2 == 0;
        var offers = Draw(random, codes, popularity, random.Next(1, 5), []);
        var seeks = Draw(random, codes, popularity, random.Next(1, 5), offers);
        var language = canadian ? (random.NextDouble() < 0.75 ? 0 : 1) : (random.NextDouble() < 0.6 ? 2 : 0);
        var programmes = new List<string>();
        for (var k = random.Next(0, 3); k > 0; k--)
        {
            var home = random.NextDouble() < 0.7 == canadian ? CanadianProgrammes : KoreanProgrammes;
            var programme = home[random.Next(home.Length)];
            if (!programmes.Contains(programme))
            {
                programmes.Add(programme);
            }
        }

        var compliance = new List<string>();
        void Maybe(string code, double p)
        {
            if (random.NextDouble() < p)
            {
                compliance.Add(code);
            }
        }

        if (canadian)
        {
            Maybe("CGP", 0.55);
            Maybe("ISO9001", 0.5);
            Maybe("AS9100", 0.15);
            Maybe("FSC", 0.2);
            Maybe("ITAR", 0.25);
        }
        else
        {
            Maybe("DAPA", 0.65);
            Maybe("DTSA", 0.2);
            Maybe("ISO9001", 0.5);
            Maybe("AS9100", 0.1);
        }

        var languages = canadian
            ? random.NextDouble() < 0.3 ? new[] { "EN", "FR" } : ["EN"]
            : random.NextDouble() < 0.6 ? ["KO", "EN"] : ["KO"];
        var modeCount = random.Next(1, 4);
        var modes = Modes.OrderBy(_ => random.Next()).Take(modeCount).ToArray();
        return new MatchProfile
        {
            Id = NewId(random),
            Name = $"Firm {index}",
            Country = canadian ? "CA" : "KR",
            Size = random.NextDouble() < 0.15 ? CompanySize.Large : CompanySize.Sme,
            Offers = [.. offers.Select(c => new CapabilityClaim(c, random.NextDouble() < 0.5 ? random.Next(4, 10) : null))],
            Seeks = [.. seeks.Select(c => new CapabilityClaim(c, random.NextDouble() < 0.2 ? random.Next(6, 9) : null))],
            Modes = modes,
            Programmes = programmes,
            Compliance = compliance,
            Languages = languages,
            Description = Describe(random, language, offers, seeks),
        };
    }

    private static string Describe(Random random, int language, List<string> offers, List<string> seeks)
    {
        string Phrase(string code)
        {
            var bank = Phrases[code[..code.IndexOf('.', StringComparison.Ordinal)]][language];
            return bank[random.Next(bank.Length)];
        }

        var parts = new List<string>
        {
            string.Format(System.Globalization.CultureInfo.InvariantCulture, Pick(random, Openers[language]), Phrase(offers[0])),
        };
        parts.AddRange(offers.Skip(1).Select(c => Phrase(c) + "."));
        parts.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, Pick(random, Seeking[language]), Phrase(seeks[0])));
        var product = string.Concat(Enumerable.Range(0, random.Next(2, 4)).Select(_ => Pick(random, Syllables)));
        parts.Add(language == 2 ? $"주력 제품 {product}." : $"Product line {product}.");
        return string.Join(' ', parts);
    }

    private static List<string> Draw(Random random, string[] codes, double[] popularity, int count, List<string> avoid)
    {
        var chosen = new List<string>(count);
        var total = popularity.Sum();
        var guard = 0;
        while (chosen.Count < count && guard++ < 100)
        {
            var x = random.NextDouble() * total;
            var k = 0;
            while (k < codes.Length - 1 && x > popularity[k])
            {
                x -= popularity[k];
                k++;
            }

            if (!chosen.Contains(codes[k]) && !avoid.Contains(codes[k]))
            {
                chosen.Add(codes[k]);
            }
        }

        return chosen;
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private static Guid NewId(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
