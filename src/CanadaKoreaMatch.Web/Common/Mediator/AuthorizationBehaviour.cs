using System.Reflection;
using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Security;
using MediatR;

namespace CanadaKoreaMatch.Web.Common.Mediator;

internal sealed class AuthorizationBehaviour<TRequest, TResponse>(ICurrentUser user, CompanyAccess companyAccess, ForumAccess forumAccess)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly AuthorizeAttribute? Authorize = typeof(TRequest).GetCustomAttribute<AuthorizeAttribute>();

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (Authorize is not null)
        {
            if (!user.IsAuthenticated)
            {
                throw new UnauthenticatedException();
            }

            if (Authorize.Roles.Count > 0 && !Authorize.Roles.Any(user.IsInRole))
            {
                throw new ForbiddenException($"This needs one of these roles: {string.Join(", ", Authorize.Roles)}.");
            }
        }

        if (request is IEditsCompany edits)
        {
            await companyAccess.EnsureCanEditAsync(edits.CompanyId, cancellationToken);
        }
        else if (request is IReadsCompanyPrivate reads)
        {
            await companyAccess.EnsureCanReadPrivateAsync(reads.CompanyId, cancellationToken);
        }
        else if (request is IViewsCompany views)
        {
            await companyAccess.EnsureCanViewAsync(views.CompanyId, cancellationToken);
        }

        if (request is IViewsMatch match)
        {
            await companyAccess.EnsureCanViewMatchAsync(match.MatchId, cancellationToken);
        }

        if (request is IOrganisesForum organises)
        {
            await forumAccess.EnsureOrganisesAsync(organises.ForumId, cancellationToken);
        }
        else if (request is IReadsForumFirm firm)
        {
            await forumAccess.EnsureCanReadFirmAsync(firm.ForumId, firm.CompanyId, companyAccess, cancellationToken);
        }
        else if (request is IViewsForum forum)
        {
            await forumAccess.EnsureCanViewAsync(forum.ForumId, cancellationToken);
        }

        return await next();
    }
}
