using FluentValidation;

namespace CanadaKoreaMatch.Web.Common.Errors;

public static class PagingRules
{
    /// <summary>A page number from an address, between 1 and a million: far past any last page, and its offset never overflows.</summary>
    public static int FromAddress(int page) => Math.Clamp(page, 1, 1_000_000);

    /// <summary>Page 1 or later, and not so far that the offset of its first row overflows.</summary>
    public static IRuleBuilderOptions<T, int> IsAPage<T>(this IRuleBuilder<T, int> page, Func<T, int> pageSize) =>
        page.GreaterThanOrEqualTo(1)
            .Must((query, number) => (long)(number - 1) * pageSize(query) <= int.MaxValue).WithMessage("There are not that many pages.");
}
