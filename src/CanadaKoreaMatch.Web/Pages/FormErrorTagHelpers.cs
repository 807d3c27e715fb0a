using CanadaKoreaMatch.Web.Common.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace CanadaKoreaMatch.Web.Pages;

/// <summary>Ties a field's error message to its field: the message gets an id that the field names in aria-describedby.</summary>
internal static class FieldErrorIds
{
    public static string For(ViewContext context, ModelExpression expression) =>
        TagBuilder.CreateSanitizedId(FullName(context, expression), "_") + "-error";

    public static bool HasErrors(ViewContext context, ModelExpression expression) =>
        context.ViewData.ModelState.TryGetValue(FullName(context, expression), out var entry)
        && entry?.ValidationState == ModelValidationState.Invalid;

    private static string FullName(ViewContext context, ModelExpression expression) =>
        context.ViewData.TemplateInfo.GetFullHtmlFieldName(expression.Name);
}

/// <summary>A field message (<c>asp-validation-for</c>) gets the id its field points to.</summary>
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class FieldErrorTagHelper : TagHelper
{
    [HtmlAttributeName("asp-validation-for")]
    public ModelExpression For { get; set; } = null!;

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    public override int Order => 100;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!output.Attributes.ContainsName("id"))
        {
            output.Attributes.SetAttribute("id", FieldErrorIds.For(ViewContext, For));
        }
    }
}

/// <summary>A field (<c>asp-for</c>) whose value was refused says so to assistive technology and names its message.</summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class FieldStateTagHelper : TagHelper
{
    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    public override int Order => 100;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (output.Attributes["type"]?.Value?.ToString() == "hidden" || !FieldErrorIds.HasErrors(ViewContext, For))
        {
            return;
        }

        output.Attributes.SetAttribute("aria-invalid", "true");
        var described = output.Attributes["aria-describedby"]?.Value?.ToString();
        var errorId = FieldErrorIds.For(ViewContext, For);
        output.Attributes.SetAttribute("aria-describedby", string.IsNullOrEmpty(described) ? errorId : described + " " + errorId);
    }
}

/// <summary>
/// The message at the top of a form is announced as it appears (role="alert"); when only fields were refused it says so, so that a
/// screen reader hears that the form came back. An empty summary is not rendered at all: ASP.NET's carries an inline style, which
/// the Content-Security-Policy forbids.
/// </summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
public sealed class FormErrorSummaryTagHelper(IStringLocalizer<SharedResource> t) : TagHelper
{
    [HtmlAttributeName("asp-validation-summary")]
    public ValidationSummary Summary { get; set; }

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    public override int Order => 100;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var modelState = ViewContext.ViewData.ModelState;
        if (modelState.ErrorCount == 0 || Summary == ValidationSummary.None)
        {
            output.SuppressOutput();
            return;
        }

        output.Attributes.SetAttribute("role", "alert");
        var formErrors = modelState.TryGetValue(ViewContext.ViewData.TemplateInfo.HtmlFieldPrefix, out var entry) ? entry?.Errors.Count ?? 0 : 0;
        if (Summary == ValidationSummary.ModelOnly && formErrors == 0)
        {
            // ASP.NET renders nothing here when only fields were refused; the summary still tells that the form came back.
            output.TagName = "div";
            output.TagMode = TagMode.StartTagAndEndTag;
            var message = new TagBuilder("p");
            message.InnerHtml.Append(t["Some fields need correcting: see the messages beside them."]);
            output.PostContent.SetHtmlContent(message);
        }
    }
}
