using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Companies;

/// <summary><see cref="Awaiting"/>: only the officials' queue, the unverified firms not waiting on their own answer to a withheld verification.</summary>
public sealed record ListCompanies(int Page = 1, int PageSize = 20, string? Search = null, string? Country = null, bool? Verified = null, bool MineOnly = false, bool Awaiting = false)
    : IQuery<Page<CompanySummary>>
{
    public const int MaxPageSize = 100;
}

public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);

/// <summary><see cref="Withheld"/>: unverified, and an official's reason waits for the firm to change its profile.</summary>
public sealed record CompanySummary(Guid Id, string Name, string Country, string Region, string Size, bool Verified, IReadOnlyList<string> Offers, IReadOnlyList<string> Seeks, bool Withheld = false);

internal sealed class ListCompaniesValidator : AbstractValidator<ListCompanies>
{
    public ListCompaniesValidator()
    {
        RuleFor(q => q.Page).IsAPage(q => q.PageSize);
        RuleFor(q => q.PageSize).InclusiveBetween(1, ListCompanies.MaxPageSize);
        RuleFor(q => q.Search).MaximumLength(Company.NameMaxLength);
        RuleFor(q => q.Country).Must(c => c is null || Countries.All.Contains(c)).WithMessage("Country must be CA or KR.");
    }
}

internal sealed class ListCompaniesHandler(AppDbContext db, CompanyAccess access, ICurrentUser user) : IRequestHandler<ListCompanies, Page<CompanySummary>>
{
    public async Task<Page<CompanySummary>> Handle(ListCompanies request, CancellationToken cancellationToken)
    {
        var query = access.Visible(db.Companies.AsNoTracking());
        if (request.MineOnly)
        {
            var userId = user.UserId;
            query = query.Where(c => c.Members.Any(m => m.UserId == userId));
        }

        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var term = Company.Normalize(request.Search);
            query = query.Where(c => c.NormalizedName.Contains(term));
        }

        if (request.Country is not null)
        {
            query = query.Where(c => c.Country == request.Country);
        }

        if (request.Verified is { } verified)
        {
            query = query.Where(c => (c.VerifiedAt != null) == verified);
        }

        if (request.Awaiting)
        {
            query = query.Where(Company.AwaitsVerification);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(c => c.NormalizedName).ThenBy(c => c.Country)
            .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize)
            .Select(Company.WithheldUnanswered.Into((c, withheld) => new
            {
                c.Id, c.Name, c.Country, c.Region, c.Size, Verified = c.VerifiedAt != null, Withheld = withheld,
                Capabilities = c.Capabilities.OrderBy(x => x.Id).Select(x => new { x.Direction, x.Code }).ToList(),
            }))
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => new CompanySummary(
            r.Id, r.Name, r.Country, r.Region, CompanySizes.Format(r.Size), r.Verified,
            r.Capabilities.Where(x => x.Direction == CapabilityDirection.Offers).Select(x => x.Code).ToList(),
            user.IsAuthenticated ? r.Capabilities.Where(x => x.Direction == CapabilityDirection.Seeks).Select(x => x.Code).ToList() : [], r.Withheld)).ToList();
        return new Page<CompanySummary>(items, total, request.Page, request.PageSize);
    }
}
