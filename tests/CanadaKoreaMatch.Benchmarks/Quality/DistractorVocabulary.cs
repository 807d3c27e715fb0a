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

    public static readonly (string Name, string Province)[] CanadianPlaces =
    [
        ("Halifax", "Nova Scotia"), ("Dartmouth", "Nova Scotia"), ("Saint John", "New Brunswick"), ("St. John's", "Newfoundland and Labrador"),
        ("Montréal", "Québec"), ("Québec", "Québec"), ("Mirabel", "Québec"), ("Ottawa", "Ontario"), ("Kanata", "Ontario"), ("Toronto", "Ontario"),
        ("Mississauga", "Ontario"), ("Hamilton", "Ontario"), ("Winnipeg", "Manitoba"), ("Calgary", "Alberta"), ("Edmonton", "Alberta"),
        ("Vancouver", "British Columbia"), ("Victoria", "British Columbia"),
    ];

    public static readonly (string En, string Ko)[] KoreanPlaces =
    [
        ("Changwon", "창원"), ("Busan", "부산"), ("Geoje", "거제"), ("Ulsan", "울산"), ("Daejeon", "대전"), ("Gumi", "구미"),
        ("Sacheon", "사천"), ("Seongnam", "성남"), ("Seoul", "서울"), ("Incheon", "인천"), ("Daegu", "대구"), ("Pohang", "포항"),
    ];

    /// <summary>Who a firm says it serves, by country and language.</summary>
    public static readonly string[] CanadianCustomers =
    [
        "Our customers include the Royal Canadian Navy and the primes of the National Shipbuilding Strategy.",
        "We supply the Canadian Army, the Royal Canadian Air Force and allied defence primes.",
        "We work for the Department of National Defence and for Canadian and American primes.",
    ];

    public static readonly string[] FrenchCustomers =
    [
        "Nos clients comprennent la Marine royale canadienne et les chantiers de la Stratégie nationale de construction navale.",
        "Nous fournissons l'Armée canadienne, l'Aviation royale canadienne et des maîtres d'œuvre alliés.",
        "Nous travaillons pour la Défense nationale et pour des maîtres d'œuvre canadiens et américains.",
    ];

    public static readonly string[] KoreanCustomers =
    [
        "대한민국 해군과 주요 방산 체계업체에 납품하고 있습니다.",
        "육군과 공군 사업에 부품과 정비 서비스를 공급합니다.",
        "국방과학연구소와 방산 체계업체의 협력사로 참여하고 있습니다.",
    ];

    public static readonly string[] KoreanCustomersInEnglish =
    [
        "We supply the Republic of Korea Navy and Korean defence primes.",
        "We deliver parts and maintenance to Army and Air Force programmes in Korea.",
        "We work with the Agency for Defense Development and Korean system integrators.",
    ];

    /// <summary>What a firm says about working across the Pacific, by country and language.</summary>
    public static readonly string[] CanadianOutreach =
    [
        "We want to work with Korean partners on Canadian programmes.",
        "We are preparing to enter the Korean market with a local partner.",
        "We can bring Canadian content to Korean primes bidding in Canada.",
    ];

    public static readonly string[] FrenchOutreach =
    [
        "Nous souhaitons collaborer avec des partenaires coréens.",
        "Nous offrons du contenu canadien aux maîtres d'œuvre coréens.",
    ];

    public static readonly string[] KoreanOutreach =
    [
        "캐나다 시장 진출을 위해 현지 협력사를 찾고 있습니다.",
        "캐나다 기업과의 공동 개발과 현지 생산에 관심이 있습니다.",
    ];

    public static readonly string[] KoreanOutreachInEnglish =
    [
        "We are looking for Canadian partners to enter the Canadian market.",
        "We are interested in co-development and local production with Canadian firms.",
    ];

    public static readonly IReadOnlyDictionary<string, (string En, string Fr, string Ko)> ProgrammeNames = new Dictionary<string, (string, string, string)>(StringComparer.Ordinal)
    {
        ["CPSP"] = ("the Canadian Patrol Submarine Project", "le Projet canadien de sous-marins de patrouille", "캐나다 초계잠수함 사업"),
        ["NORAD_MOD"] = ("NORAD modernization", "la modernisation du NORAD", "NORAD 현대화"),
        ["RIVER_DESTROYER"] = ("the River-class destroyer", "le destroyer de classe River", "리버급 구축함"),
        ["LAND_MOD"] = ("tank and light armoured vehicle renewal", "le renouvellement des chars et véhicules blindés légers", "전차 및 경장갑차 교체 사업"),
        ["ARTY_MOD"] = ("artillery modernization", "la modernisation de l'artillerie", "포병 현대화"),
        ["DRONES"] = ("surveillance and strike drones", "les drones de surveillance et de frappe", "감시·타격 드론 사업"),
        ["AIRCREW_TRAINING"] = ("aircrew training", "la formation des équipages", "조종사 양성 사업"),
        ["CRITICAL_MINERALS"] = ("critical minerals supply chains", "les chaînes d'approvisionnement en minéraux critiques", "핵심광물 공급망"),
        ["ARCTIC"] = ("Arctic domain awareness", "la connaissance du domaine arctique", "북극 감시"),
        ["KSS3"] = ("the KSS-III submarine", "le sous-marin KSS-III", "장보고-III 잠수함"),
        ["K9_K2_EXPORT"] = ("K9 and K2 exports", "les exportations de K9 et de K2", "K9·K2 수출"),
        ["KF21"] = ("the KF-21 fighter", "le chasseur KF-21", "KF-21 전투기"),
        ["SPACE_LAUNCH"] = ("Korean space launch", "les lancements spatiaux coréens", "한국형 발사체"),
    };

    public static readonly string[] Syllables = ["ka", "lo", "ri", "ven", "tor", "mi", "sa", "dex", "qua", "nor", "bel", "zu", "tek", "ora", "lyn", "har", "pol", "cen"];

    public static readonly string[] CanadianSuffixes = ["Systems", "Technologies", "Dynamics", "Marine", "Aerospace", "Industries", "Engineering"];

    public static readonly string[] KoreanSuffixes = ["Precision", "Tech", "Industries", "Systems", "Heavy Industries", "Aero"];

    public static readonly string[] CanadianProgrammes =
        ["CPSP", "NORAD_MOD", "RIVER_DESTROYER", "LAND_MOD", "ARTY_MOD", "DRONES", "AIRCREW_TRAINING", "CRITICAL_MINERALS", "ARCTIC"];

    public static readonly string[] KoreanProgrammes = ["KSS3", "K9_K2_EXPORT", "KF21", "SPACE_LAUNCH"];

    public static readonly string[] Modes =
        ["CO_DEVELOPMENT", "CO_PRODUCTION", "CO_SUSTAINMENT", "TECH_TRANSFER", "JOINT_RD", "JOINT_BID", "SUPPLY_CHAIN", "INVESTMENT"];
}
