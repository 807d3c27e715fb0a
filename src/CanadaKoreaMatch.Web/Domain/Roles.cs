namespace CanadaKoreaMatch.Web.Domain;

public static class Roles
{
    public const string CompanyRepresentative = nameof(CompanyRepresentative);
    public const string TradeOfficial = nameof(TradeOfficial);
    public const string ForumOrganiser = nameof(ForumOrganiser);
    public const string Administrator = nameof(Administrator);

    public static readonly IReadOnlyList<string> All =
        [CompanyRepresentative, TradeOfficial, ForumOrganiser, Administrator];

    public static readonly IReadOnlyList<string> Invitable = [TradeOfficial, ForumOrganiser, Administrator];
}
