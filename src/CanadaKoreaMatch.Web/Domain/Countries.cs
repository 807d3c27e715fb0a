namespace CanadaKoreaMatch.Web.Domain;

public static class Countries
{
    public const string Canada = "CA";
    public const string Korea = "KR";

    public static readonly IReadOnlyList<string> All = [Canada, Korea];

    public static string Other(string country) => country == Canada ? Korea : Canada;
}
