using CanadaKoreaMatch.Web.Common.Localization;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Taxonomy;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CanadaKoreaMatch.Web.Pages;

/// <summary>
/// <c>&lt;code-label kind="Capability" code="MAR.PROP" class="tag" /&gt;</c> renders a span with the term's label in the
/// reader's language and its code in the title; a code the taxonomy does not hold is shown as it is.
/// </summary>
[HtmlTargetElement("code-label")]
public sealed class CodeLabelTagHelper(TaxonomyCatalog taxonomy) : TagHelper
{
    public TaxonomyKind Kind { get; set; }

    public string? Code { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (string.IsNullOrEmpty(Code))
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        if (taxonomy.TryLabel(Kind, Code, SupportedCultures.Current, out var label))
        {
            output.Attributes.SetAttribute("title", Code);
        }

        output.Content.SetContent(label);
    }
}
