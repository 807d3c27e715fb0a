using CanadaKoreaMatch.Web.Features.Suggestions;
using Microsoft.Extensions.Localization;

namespace CanadaKoreaMatch.Web.Pages;

/// <summary>A reason in the reader's language: "reason.{Kind}" templates in the strings files, English text otherwise.</summary>
public static class ReasonText
{
    private static readonly HashSet<string> ListKinds = ["ModesAgree", "SharedTerms", "ComplianceGap", "YourComplianceGap", "SharedLanguage"];

    public static string Format(IStringLocalizer t, ReasonDto reason)
    {
        var template = t["reason." + reason.Kind];
        if (template.ResourceNotFound)
        {
            return reason.Text;
        }

        object[] arguments = ListKinds.Contains(reason.Kind)
            ? [string.Join(", ", reason.Subjects)]
            : reason.Subjects.Cast<object>().ToArray();
        try
        {
            return string.Format(System.Globalization.CultureInfo.CurrentCulture, template.Value, arguments);
        }
        catch (FormatException)
        {
            return reason.Text;
        }
    }
}
