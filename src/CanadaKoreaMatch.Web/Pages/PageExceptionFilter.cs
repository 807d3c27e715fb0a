using CanadaKoreaMatch.Web.Common.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace CanadaKoreaMatch.Web.Pages;

/// <summary>What the mediator refuses becomes the page a person expects: sign in, access denied, not found, or a conflict notice.</summary>
internal sealed class PageExceptionFilter : IExceptionFilter
{
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
