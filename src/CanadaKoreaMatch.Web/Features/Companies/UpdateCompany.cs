using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Taxonomy;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Companies;

/// <summary>Replaces a firm's profile. <see cref="Version"/>, when given, must be the version the editor loaded.</summary>
[Authorize]
public sealed record UpdateCompany : CompanyInput, ICommand<CompanyDto>, IEditsCompany
{
    public Guid CompanyId { get; init; }

    public Guid? Version { get; init; }
}

internal sealed class UpdateCompanyValidator : AbstractValidator<UpdateCompany>
{
    public UpdateCompanyValidator(TaxonomyCatalog taxonomy, AppDbContext db)
    {
        Include(new CompanyInputValidator(taxonomy));
        RuleFor(c => c.Name).MustAsync((command, name, ct) => CompanyNames.IsFreeAsync(db, command.Country, name, command.CompanyId, ct))
            .WithRefusal("A firm named '{0}' is already registered in {1}.", c => c.Name, c => c.Country);
    }
}

internal sealed class UpdateCompanyHandler(AppDbContext db, TimeProvider clock) : IRequestHandler<UpdateCompany, CompanyDto>
{
    public async Task<CompanyDto> Handle(UpdateCompany request, CancellationToken cancellationToken)
    {
        var company = await db.Companies.Include(c => c.Capabilities)
            .SingleOrDefaultAsync(c => c.Id == request.CompanyId, cancellationToken)
            ?? throw new NotFoundException("The firm");
        if (request.Version is { } version && version != company.Version)
        {
            throw new ConflictException("Someone else changed this firm since you loaded it. Reload it and apply your change again.");
        }

        company.Apply(request);
        if (ProfileChanged(company))
        {
            company.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        }

        await db.SaveChangesAsync(cancellationToken);
        return CompanyDto.From(company);
    }

    /// <summary>Only a real change answers an official's withheld verification (<see cref="Company.WithheldUnanswered"/>): a save that changes nothing leaves the firm as it was.</summary>
    private bool ProfileChanged(Company company)
    {
        db.ChangeTracker.DetectChanges();
        return db.Entry(company).State == EntityState.Modified
            || db.ChangeTracker.Entries<CompanyCapability>().Any(e => e.State != EntityState.Unchanged);
    }
}
