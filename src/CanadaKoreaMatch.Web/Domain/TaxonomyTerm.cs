namespace CanadaKoreaMatch.Web.Domain;

public class TaxonomyTerm
{
    public TaxonomyKind Kind { get; set; }

    public string Code { get; set; } = "";

    public string LabelEn { get; set; } = "";

    public string LabelFr { get; set; } = "";

    public string LabelKo { get; set; } = "";

    public int SortOrder { get; set; }

    public string Label(string language) => language switch
    {
        "fr" => LabelFr,
        "ko" => LabelKo,
        _ => LabelEn,
    };
}

public enum TaxonomyKind
{
    Domain,
    Capability,
    Mode,
    Programme,
    Compliance,
    Language,
}
