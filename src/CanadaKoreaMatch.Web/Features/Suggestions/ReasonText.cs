using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using CanadaKoreaMatch.Matching;
using CanadaKoreaMatch.Web.Common.Localization;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Companies;
using CanadaKoreaMatch.Web.Features.Taxonomy;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace CanadaKoreaMatch.Web.Features.Suggestions;

/// <summary>
/// A reason as a person reads it: a sentence in the reader's language naming capabilities, domains, programmes,
/// partnership modes, credentials and languages by their taxonomy labels. The engine, the stored reasons and the API
/// keep the codes; on a page each label carries its code in a title.
/// </summary>
public sealed class ReasonText(TaxonomyCatalog taxonomy, JsonStringLocalizerFactory strings)
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The sentence as plain text, for e-mails and exports.</summary>
    public string Plain(ReasonDto reason, string language) => Write(reason, language, html: false);

    /// <summary>The sentence as HTML, each label in a <c>span class="term"</c> whose title is its code.</summary>
    public IHtmlContent Html(ReasonDto reason, string language) => new HtmlString(Write(reason, language, html: true));

    private string Write(ReasonDto reason, string language, bool html)
    {
        if (!Enum.TryParse<ReasonKind>(reason.Kind, out var kind))
        {
            return html ? Encoder.Encode(reason.Text) : reason.Text;
        }

        IStringLocalizer t = strings.For(language);
        var subjects = reason.Subjects;
        string Term(TaxonomyKind? of, string subject)
        {
            if (of is not { } termKind || !taxonomy.TryLabel(termKind, subject, language, out var label))
            {
                return html ? Encoder.Encode(subject) : subject;
            }

            return html ? $"<span class=\"term\" title=\"{Encoder.Encode(subject)}\">{Encoder.Encode(label)}</span>" : label;
        }

        string One(int index, TaxonomyKind? of = null) => index < subjects.Count ? Term(of, subjects[index]) : "";
        string All(TaxonomyKind? of, string separator) => string.Join(separator, subjects.Select(s => Term(of, s)));
        var or = " " + t["or"].Value + " ";

        (string Template, string[] Arguments) sentence = kind switch
        {
            ReasonKind.OffersWhatYouSeek => (t["offers {0}, which you seek"], [One(0, TaxonomyKind.Capability)]),
            ReasonKind.SeeksWhatYouOffer => (t["seeks {0}, which you offer"], [One(0, TaxonomyKind.Capability)]),
            ReasonKind.OffersCloseToWhatYouSeek => (t["offers {0}, in the same domain ({2}) as {1}, which you seek"],
                [One(0, TaxonomyKind.Capability), One(1, TaxonomyKind.Capability), One(2, TaxonomyKind.Domain)]),
            ReasonKind.SeeksCloseToWhatYouOffer => (t["seeks {0}, in the same domain ({2}) as {1}, which you offer"],
                [One(0, TaxonomyKind.Capability), One(1, TaxonomyKind.Capability), One(2, TaxonomyKind.Domain)]),
            ReasonKind.MaturityBelowNeed => (t["offers {0} at TRL {1}, below the TRL {2} you seek"], [One(0, TaxonomyKind.Capability), One(1), One(2)]),
            ReasonKind.SharedCapability => (t["also offers {0}, as you do"], [One(0, TaxonomyKind.Capability)]),
            ReasonKind.SharedProgramme => (t["you both follow {0}"], [One(0, TaxonomyKind.Programme)]),
            ReasonKind.RelatedProgramme => (t["follows {0}, related to your {1}"], [One(0, TaxonomyKind.Programme), One(1, TaxonomyKind.Programme)]),
            ReasonKind.ModesAgree => (t["partnership modes in common: {0}"], [All(TaxonomyKind.Mode, ", ")]),
            ReasonKind.ModesDiffer => (t["no partnership mode in common"], []),
            ReasonKind.SharedTerms => (t["your descriptions share: {0}"], [All(TaxonomyKind.Mode, ", ")]),
            ReasonKind.ComplianceFit => (t["has what the controlled work you seek requires: {0}"], [One(0, TaxonomyKind.Compliance)]),
            ReasonKind.ComplianceGap => (t["lacks what the controlled work you seek requires: {0}"], [All(TaxonomyKind.Compliance, or)]),
            ReasonKind.YourComplianceGap => (t["you lack what the controlled work they seek requires: {0}"], [All(TaxonomyKind.Compliance, or)]),
            ReasonKind.SizeFit => (SizeFit(t, subjects), []),
            ReasonKind.SharedLanguage => (t["working languages in common: {0}"], [All(TaxonomyKind.Language, ", ")]),
            _ => (reason.Text, []),
        };

        var template = html ? Encoder.Encode(sentence.Template) : sentence.Template;
        return sentence.Arguments.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, sentence.Arguments);
    }

    private static string SizeFit(IStringLocalizer t, IReadOnlyList<string> sizes) =>
        (sizes.ElementAtOrDefault(0), sizes.ElementAtOrDefault(1)) switch
        {
            (CompanySizes.Large, CompanySizes.Large) => t["two large firms, suited to co-development or a joint bid"],
            (CompanySizes.Large, CompanySizes.Sme) => t["a prime, for you as an SME supplier"],
            (CompanySizes.Sme, CompanySizes.Large) => t["an SME supplier, for you as a prime"],
            _ => t["two SMEs, suited to joint R&D or technology transfer"],
        };
}
