using CanadaKoreaMatch.Web.Common.Email;
using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Companies;

/// <summary>
/// A representative (or an administrator) adds a colleague by e-mail address. A representative account with that address joins
/// the firm; any other address is e-mailed an invitation to sign up. The answer is the same either way, so it tells nobody
/// which addresses have accounts.
/// </summary>
[Authorize]
public sealed record AddRepresentative(Guid CompanyId, string Email) : ICommand<RepresentativeRequestDto>, IEditsCompany;

public sealed record RepresentativeRequestDto(string Email, string Message);

internal sealed class AddRepresentativeValidator : AbstractValidator<AddRepresentative>
{
    public AddRepresentativeValidator() => RuleFor(r => r.Email).NotEmpty().EmailAddress().WithMessage("Enter a valid email address.").MaximumLength(256);
}

internal sealed class AddRepresentativeHandler(AppDbContext db, UserManager<AppUser> users, ICurrentUser currentUser, IEmailOutbox outbox, PublicUrls urls, TimeProvider clock)
    : IRequestHandler<AddRepresentative, RepresentativeRequestDto>
{
    public const string Done = "If this address belongs to a representative account, that person now represents the firm; if not, we e-mailed them an invitation to sign up.";

    public async Task<RepresentativeRequestDto> Handle(AddRepresentative request, CancellationToken cancellationToken)
    {
        var email = request.Email.Trim();
        var user = await users.FindByEmailAsync(email);
        if (user is null || !await users.IsInRoleAsync(user, Roles.CompanyRepresentative))
        {
            var firm = await db.Companies.Where(c => c.Id == request.CompanyId).Select(c => c.Name).SingleAsync(cancellationToken);
            var inviter = await users.FindByIdAsync(currentUser.RequireUserId());
            await outbox.EnqueueAsync(new Email(user?.Email ?? email, user?.Language ?? inviter?.Language ?? "en", "representative-invitation",
                new Dictionary<string, object?> { ["firm"] = firm, ["inviter"] = inviter?.DisplayName, ["link"] = urls.Page("/Account/Register") }), cancellationToken);
            return new RepresentativeRequestDto(email, Done);
        }

        if (await db.CompanyMembers.AnyAsync(m => m.CompanyId == request.CompanyId && m.UserId == user.Id, cancellationToken))
        {
            throw new ConflictException("This person already represents the firm.");
        }

        db.CompanyMembers.Add(new CompanyMember { CompanyId = request.CompanyId, UserId = user.Id, JoinedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        return new RepresentativeRequestDto(email, Done);
    }
}
