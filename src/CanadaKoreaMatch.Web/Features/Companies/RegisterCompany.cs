using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Taxonomy;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Companies;

/// <summary>A representative registers a firm (unverified, they become its representative); officials and administrators create verified firms.</summary>
[Authorize(Roles.CompanyRepresentative, Roles.TradeOfficial, Roles.Administrator)]
public sealed record RegisterCompany : CompanyInput, ICommand<CompanyDto>;

internal sealed class RegisterCompanyValidator : AbstractValidator<RegisterCompany>
{
    public RegisterCompanyValidator(TaxonomyCatalog taxonomy, AppDbContext db)
    {
        Include(new CompanyInputValidator(taxonomy));
        RuleFor(c => c.Name).MustAsync((command, name, ct) => CompanyNames.IsFreeAsync(db, command.Country, name, null, ct))
            .WithRefusal("A firm named '{0}' is already registered in {1}.", c => c.Name, c => c.Country);
    }
}

internal static class CompanyNames
{
    public static async Task<bool> IsFreeAsync(AppDbContext db, string country, string name, Guid? except, CancellationToken ct)
    {
        var normalized = Company.Normalize(name);
        return !await db.Companies.AnyAsync(c => c.Country == country && c.NormalizedName == normalized && c.Id != except, ct);
    }
}

internal sealed class RegisterCompanyHandler(AppDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<RegisterCompany, CompanyDto>
{
    public async Task<CompanyDto> Handle(RegisterCompany request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var userId = user.RequireUserId();
        var company = new Company { Id = Guid.NewGuid(), CreatedAt = now, UpdatedAt = now };
        company.Apply(request);
        if (user.IsOfficialOrAdministrator())
        {
            company.VerifiedAt = now;
            company.VerifiedByUserId = userId;
        }
        else
        {
            company.Members.Add(new CompanyMember { UserId = userId, JoinedAt = now });
        }

        db.Companies.Add(company);
        await db.SaveChangesAsync(cancellationToken);
        return CompanyDto.From(company);
    }
}
