using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Companies;

/// <summary>A representative (or an administrator) adds a colleague, who must already have a representative account.</summary>
[Authorize]
public sealed record AddRepresentative(Guid CompanyId, string Email) : ICommand<RepresentativeDto>, IEditsCompany;

internal sealed class AddRepresentativeValidator : AbstractValidator<AddRepresentative>
{
    public AddRepresentativeValidator() => RuleFor(r => r.Email).NotEmpty().EmailAddress().MaximumLength(256);
}

internal sealed class AddRepresentativeHandler(AppDbContext db, UserManager<AppUser> users, TimeProvider clock)
    : IRequestHandler<AddRepresentative, RepresentativeDto>
{
    public async Task<RepresentativeDto> Handle(AddRepresentative request, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(request.Email);
        if (user is null || !await users.IsInRoleAsync(user, Roles.CompanyRepresentative))
        {
            throw InputException.For("email", "No representative account uses this address. Ask your colleague to sign up first.");
        }

        if (await db.CompanyMembers.AnyAsync(m => m.CompanyId == request.CompanyId && m.UserId == user.Id, cancellationToken))
        {
            throw new ConflictException("This person already represents the firm.");
        }

        db.CompanyMembers.Add(new CompanyMember { CompanyId = request.CompanyId, UserId = user.Id, JoinedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        return new RepresentativeDto(user.DisplayName, user.Email!);
    }
}
