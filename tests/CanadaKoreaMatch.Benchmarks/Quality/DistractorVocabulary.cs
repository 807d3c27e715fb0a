namespace CanadaKoreaMatch.Benchmarks.Quality;

/// <summary>Words the synthetic firms describe themselves with: one phrase per capability code in English, French and Korean.</summary>
internal static class DistractorVocabulary
{
    public static readonly IReadOnlyDictionary<string, (string En, string Fr, string Ko)> Phrases = new Dictionary<string, (string, string, string)>(StringComparer.Ordinal)
    {
        ["MAR.SHIP"] = ("naval shipbuilding and hull block fabrication", "construction navale et fabrication de blocs de coque", "함정 건조 및 선체 블록 제작"),
        ["MAR.SUB"] = ("submarine design and construction", "conception et construction de sous-marins", "잠수함 설계 및 건조"),
        ["MAR.MRO"] = ("ship repair, refit and in-service support", "réparation navale, carénage et soutien en service", "함정 정비 및 창정비"),
        ["MAR.HANDLING"] = ("deck machinery, davits and launch and recovery systems", "apparaux de pont, bossoirs et systèmes de mise à l'eau", "함정 탑재 장비 및 진수 회수 체계"),
        ["MAR.PROP"] = ("marine propulsion, shafting and power systems", "propulsion marine, lignes d'arbres et production d'énergie", "선박 추진 및 전력 체계"),
        ["MAR.UNCREWED"] = ("uncrewed surface and underwater vehicles", "véhicules de surface et sous-marins sans équipage", "무인 수상정 및 무인 잠수정"),
        ["LAND.ARMOUR"] = ("armoured vehicle production and upgrades", "production et modernisation de véhicules blindés", "장갑차 생산 및 성능 개량"),
        ["LAND.ARTY"] = ("artillery, howitzer and rocket launcher components", "composants d'artillerie, d'obusiers et de lance-roquettes", "자주포 및 다연장로켓 구성품"),
        ["LAND.SOLDIER"] = ("soldier systems, small arms and protective equipment", "systèmes du soldat, armes légères et équipement de protection", "개인 전투 체계 및 소화기"),
        ["AIR.AIRCRAFT"] = ("trainer and light combat aircraft structures", "structures d'avions d'entraînement et de combat léger", "훈련기 및 경공격기 기체 구조물"),
        ["AIR.ROTOR"] = ("helicopter airframes and rotor components", "cellules d'hélicoptères et composants de rotor", "헬기 기체 및 로터 구성품"),
        ["AIR.MRO"] = ("aircraft maintenance, repair and overhaul", "maintenance, réparation et révision d'aéronefs", "항공기 정비 및 창정비"),
        ["AIR.UAS"] = ("drones and counter-drone systems", "drones et systèmes de lutte anti-drones", "무인기 및 대드론 체계"),
        ["MUN.GUIDED"] = ("guided missile subsystems and seekers", "sous-systèmes et autodirecteurs de missiles guidés", "유도무기 구성품 및 탐색기"),
        ["MUN.AMMO"] = ("ammunition, propellants and energetics", "munitions, propergols et matières énergétiques", "탄약 및 추진제"),
        ["SENS.RADAR"] = ("surveillance radar and over-the-horizon radar", "radars de surveillance et radars transhorizon", "감시 레이더 및 초수평선 레이더"),
        ["SENS.SONAR"] = ("sonar arrays and underwater acoustics", "antennes sonar et acoustique sous-marine", "소나 및 수중 음향"),
        ["SENS.EO"] = ("electro-optical and infrared cameras", "caméras électro-optiques et infrarouges", "전자광학 및 적외선 카메라"),
        ["SENS.C2"] = ("command and control software and sensor fusion", "logiciels de commandement et contrôle et fusion de capteurs", "지휘통제 소프트웨어 및 센서 융합"),
        ["SENS.EW"] = ("electronic warfare receivers and jammers", "récepteurs et brouilleurs de guerre électronique", "전자전 수신기 및 재밍 장비"),
        ["SENS.COMMS"] = ("secure tactical radios and data links", "radios tactiques sécurisées et liaisons de données", "보안 전술 무전기 및 데이터링크"),
        ["SPACE.SAT"] = ("small satellite buses and payloads", "plateformes et charges utiles de petits satellites", "소형 위성 본체 및 탑재체"),
        ["SPACE.LAUNCH"] = ("launch vehicles and launch services", "lanceurs et services de lancement", "발사체 및 발사 서비스"),
        ["SPACE.EO"] = ("satellite imagery and space-based surveillance", "imagerie satellitaire et surveillance spatiale", "위성 영상 및 우주 기반 감시"),
        ["SPACE.SATCOM"] = ("satellite communication terminals and networks", "terminaux et réseaux de communication par satellite", "위성통신 단말 및 네트워크"),
        ["DIGI.AI"] = ("artificial intelligence and autonomy software", "intelligence artificielle et logiciels d'autonomie", "인공지능 및 자율화 소프트웨어"),
        ["DIGI.QUANTUM"] = ("quantum sensing and quantum-safe encryption", "capteurs quantiques et chiffrement post-quantique", "양자 센싱 및 양자 내성 암호"),
        ["DIGI.CYBER"] = ("cyber security for defence networks", "cybersécurité des réseaux de défense", "국방망 사이버 보안"),
        ["DIGI.SEMI"] = ("semiconductor design and advanced electronics", "conception de semi-conducteurs et électronique avancée", "반도체 설계 및 첨단 전자부품"),
        ["DIGI.NET"] = ("private 5G and tactical networks", "réseaux 5G privés et réseaux tactiques", "국방 5G 및 전술 네트워크"),
        ["DIGI.SIM"] = ("training simulators and virtual reality", "simulateurs de formation et réalité virtuelle", "훈련 시뮬레이터 및 가상현실"),
        ["DIGI.HEALTH"] = ("condition monitoring and predictive maintenance", "surveillance d'état et maintenance prédictive", "상태 감시 및 예측 정비"),
        ["MAT.CRITICAL"] = ("lithium, nickel and graphite exploration", "exploration de lithium, de nickel et de graphite", "리튬 니켈 흑연 광산 개발"),
        ["MAT.REFINING"] = ("mineral processing and refining", "traitement et raffinage des minéraux", "광물 제련 및 정제"),
        ["MAT.METALS"] = ("steel plate, aluminium and specialty alloys", "tôles d'acier, aluminium et alliages spéciaux", "후판 알루미늄 및 특수 합금"),
        ["MAT.BATTERY"] = ("battery cells and energy storage packs", "cellules de batteries et stockage d'énergie", "배터리 셀 및 에너지 저장 장치"),
        ["MAT.COMPOSITE"] = ("composite structures and advanced materials", "structures composites et matériaux avancés", "복합재 구조물 및 첨단 소재"),
        ["MFG.PRECISION"] = ("precision machining of metal parts", "usinage de précision de pièces métalliques", "금속 부품 정밀 가공"),
        ["MFG.ELECTRONICS"] = ("circuit board assembly and rugged electronics", "assemblage de cartes électroniques et électronique durcie", "회로기판 조립 및 군용 전자장비"),
        ["MFG.ILS"] = ("integrated logistics support and spare parts", "soutien logistique intégré et pièces de rechange", "종합군수지원 및 수리부속"),
        ["MFG.INTEGRATION"] = ("systems engineering and integration", "ingénierie et intégration de systèmes", "체계 공학 및 체계 통합"),
        ["SVC.TRAINING"] = ("instructor-led training and courseware", "formation par instructeurs et didacticiels", "교관 교육 및 교육 콘텐츠"),
        ["SVC.ARCTIC"] = ("Arctic logistics and cold-weather testing", "logistique arctique et essais par grand froid", "극지 물류 및 혹한 시험"),
        ["SVC.INFRA"] = ("defence infrastructure and base construction", "infrastructures de défense et construction de bases", "국방 시설 및 기지 건설"),
        ["SVC.RESEARCH"] = ("applied research, testing and certification", "recherche appliquée, essais et certification", "응용 연구 시험 및 인증"),
    };

    public static readonly string[] Openers =
    [
        "{0} is a supplier of {1}.",
        "{0} specialises in {1} for defence customers.",
        "Founded by engineers, {0} delivers {1}.",
    ];

    public static readonly string[] FrenchOpeners =
    [
        "{0} est un fournisseur de {1}.",
        "{0} se spécialise en {1} pour la défense.",
        "Fondée par des ingénieurs, {0} offre {1}.",
    ];

    public static readonly string[] KoreanOpeners =
    [
        "{0}은(는) {1} 전문 기업입니다.",
        "{0}은(는) 국방 고객을 위한 {1} 역량을 보유하고 있습니다.",
        "{0}은(는) {1} 분야의 방산 협력사입니다.",
    ];

    public static readonly string[] Seeking = ["We are looking for partners in {0}.", "We seek suppliers of {0}."];

    public static readonly string[] FrenchSeeking = ["Nous cherchons des partenaires en {0}.", "Nous recherchons des fournisseurs de {0}."];

    public static readonly string[] KoreanSeeking = ["{0} 분야 협력사를 찾습니다.", "{0} 공급 파트너를 모집합니다."];

    public static readonly string[] Syllables = ["ka", "lo", "ri", "ven", "tor", "mi", "sa", "dex", "qua", "nor", "bel", "zu", "tek", "ora", "lyn", "har", "pol", "cen"];

    public static readonly string[] CanadianSuffixes = ["Systems", "Technologies", "Dynamics", "Marine", "Aerospace", "Industries", "Engineering"];

    public static readonly string[] KoreanSuffixes = ["Precision", "Tech", "Industries", "Systems", "Heavy Industries", "Aero"];

    public static readonly string[] CanadianProgrammes =
        ["CPSP", "NORAD_MOD", "RIVER_DESTROYER", "LAND_MOD", "ARTY_MOD", "DRONES", "AIRCREW_TRAINING", "CRITICAL_MINERALS", "ARCTIC"];

    public static readonly string[] KoreanProgrammes = ["KSS3", "K9_K2_EXPORT", "KF21", "SPACE_LAUNCH"];

    public static readonly string[] Modes =
        ["CO_DEVELOPMENT", "CO_PRODUCTION", "CO_SUSTAINMENT", "TECH_TRANSFER", "JOINT_RD", "JOINT_BID", "SUPPLY_CHAIN", "INVESTMENT"];
}
