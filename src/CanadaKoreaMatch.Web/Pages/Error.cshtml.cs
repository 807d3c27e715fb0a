using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CanadaKoreaMatch.Web.Pages;

/// <summary>What a person's browser shows for an error status or a failure on a page: words, never a problem document.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int? code) => Show(code);

    public void OnPost(int? code) => Show(code);

    public string Title(IStringLocalizer t) => Code switch
    {
        StatusCodes.Status404NotFound => t["Page not found"],
        StatusCodes.Status403Forbidden => t["Access denied"],
        StatusCodes.Status429TooManyRequests => t["Too many attempts"],
        >= 500 => t["Something went wrong"],
        _ => t["The request could not be handled"],
    };

    public string Explanation(IStringLocalizer t) => Code switch
    {
        StatusCodes.Status404NotFound => t["This page does not exist, or what it showed is no longer available."],
        StatusCodes.Status403Forbidden => t["Your account may not do this. If you think it should, ask a trade official or an administrator."],
        StatusCodes.Status429TooManyRequests => t["Wait a moment, then try again."],
        >= 500 => t["The error is on our side and has been logged. Nothing was saved half-way: try again in a moment."],
        _ => t["Go back, check what you entered and try again."],
    };

    private void Show(int? code)
    {
        Code = code ?? (HttpContext.Response.StatusCode is >= 400 and var status ? status : StatusCodes.Status500InternalServerError);
        if (HttpContext.Response.StatusCode < 400)
        {
            HttpContext.Response.StatusCode = Code;
        }
    }
}
