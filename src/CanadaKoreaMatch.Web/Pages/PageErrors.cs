using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CanadaKoreaMatch.Web.Pages;

/// <summary>A page whose commands may be refused: it is shown again with the refusal on its fields or above its form.</summary>
public interface IFormPage
{
    /// <summary>The binding prefix of the form's fields, or "" when they are bound one by one.</summary>
    string FormPrefix => "";

    /// <summary>Loads what the page shows besides the posted form, before it is shown again.</summary>
    Task RedisplayAsync(Exception refusal, CancellationToken ct);
}

/// <summary>
/// The one place where a page handler's errors become what a person expects: a refused command (validation, input,
/// conflict, a concurrent change, a rejected import) shows the page again with field messages, and sign-in, access denied
/// and not found become their pages. No page handler catches these itself. Refusals read in the page's language (decision 016).
/// </summary>
internal sealed class PageErrors(IStringLocalizer<SharedResource> t) : IAsyncPageFilter, IExceptionFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not { } refusal || executed.ExceptionHandled || executed.HandlerInstance is not PageModel page)
        {
            return;
        }

        var form = page as IFormPage;
        if (!FormErrors.TryAdd(page.ModelState, refusal, form?.FormPrefix ?? "", t))
        {
            return;
        }

        if (form is not null)
        {
            await form.RedisplayAsync(refusal, context.HttpContext.RequestAborted);
        }

        executed.Result = page.Page();
        executed.ExceptionHandled = true;
    }

    public void OnException(ExceptionContext context)
    {
        context.Result = context.Exception switch
        {
            UnauthenticatedException => new ChallengeResult(),
            ForbiddenException => new ForbidResult(),
            NotFoundException => new NotFoundResult(),
            _ => null,
        };
        context.ExceptionHandled = context.Result is not null;
    }
}
