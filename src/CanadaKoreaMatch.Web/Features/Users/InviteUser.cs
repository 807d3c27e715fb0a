using System.Text;
using CanadaKoreaMatch.Web.Common.Email;
using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Localization;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Domain;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace CanadaKoreaMatch.Web.Features.Users;

/// <summary>An administrator invites a trade official, forum organiser or administrator, who sets a password from the emailed link.</summary>
/// <remarks>
/// Language (en, fr, ko) is the language of the invitation and later messages; the inviting administrator's by default.
/// The answer is the same whether or not the address already has an account: such an account gets no role, and its owner an
/// e-mail saying so. An account invited before that has not set its password yet is invited again: the role, and a new link.
/// </remarks>
[Authorize(Roles.Administrator)]
public sealed record InviteUser(string DisplayName, string Email, string Role, string? Organisation, string? Language = null) : ICommand<InvitationDto>;

public sealed record InvitationDto(string Email, string Role, string Message);

public sealed record UserDto(string Id, string DisplayName, string Email, string? Organisation, IReadOnlyList<string> Roles, bool EmailConfirmed, bool Disabled);

internal sealed class InviteUserValidator : AbstractValidator<InviteUser>
{
    public InviteUserValidator()
    {
        RuleFor(s => s.DisplayName).NotEmpty().WithMessage("Enter the person's name.").MaximumLength(100);
        RuleFor(s => s.Email).NotEmpty().EmailAddress().WithMessage("Enter a valid email address.").MaximumLength(256);
        RuleFor(s => s.Role).Must(r => Roles.Invitable.Contains(r))
            .WithRefusal("Role must be one of: {0}.", _ => string.Join(", ", Roles.Invitable));
        RuleFor(s => s.Organisation).MaximumLength(200);
        RuleFor(s => s.Language).Must(l => l is null || SupportedCultures.All.Contains(l))
            .WithRefusal("Language must be one of: {0}.", _ => string.Join(", ", SupportedCultures.All));
    }
}

internal sealed class InviteUserHandler(UserManager<AppUser> users, IEmailOutbox outbox, PublicUrls urls, TimeProvider clock, SecurityEvents events)
    : IRequestHandler<InviteUser, InvitationDto>
{
    public const string Sent = "An invitation has been sent to this address.";

    public async Task<InvitationDto> Handle(InviteUser request, CancellationToken cancellationToken)
    {
        var address = request.Email.Trim();
        var answer = new InvitationDto(address, request.Role, Sent);
        var user = await users.FindByEmailAsync(address);
        if (user is not null && (await users.HasPasswordAsync(user) || UserAccounts.IsDisabled(user.LockoutEnd)))
        {
            await outbox.EnqueueAsync(new Email(user.Email!, user.Language, "invitation-existing-account",
                new Dictionary<string, object?> { ["name"] = user.DisplayName, ["role"] = request.Role, ["link"] = urls.Page("/Account/Login") }), cancellationToken);
            await events.RecordAsync(SecurityEventKind.Invited, user.Id, $"{request.Role}: the address already has an account, no role granted",
                email: user.Email, cancellationToken: cancellationToken);
            return answer;
        }

        // An account invited before whose link was never used (it lasts a day) has no password yet: it is invited again.
        if (user is null)
        {
            user = new AppUser
            {
                UserName = address, Email = address, EmailConfirmed = true,
                DisplayName = request.DisplayName.Trim(), Organisation = request.Organisation?.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime,
                Language = request.Language ?? SupportedCultures.Current,
            };
            IdentityErrors.ThrowIfFailed(await users.CreateAsync(user));
        }

        var granted = !await users.IsInRoleAsync(user, request.Role);
        if (granted)
        {
            IdentityErrors.ThrowIfFailed(await users.AddToRoleAsync(user, request.Role));
        }

        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        var link = urls.Page("/Account/AcceptInvitation", new { email = user.Email, code = token });
        await outbox.EnqueueAsync(new Email(user.Email!, user.Language, "invitation",
            new Dictionary<string, object?> { ["name"] = user.DisplayName, ["role"] = request.Role, ["link"] = link }), cancellationToken);
        await events.RecordAsync(SecurityEventKind.Invited, user.Id, request.Role, email: user.Email, cancellationToken: cancellationToken);
        if (granted)
        {
            await events.RecordAsync(SecurityEventKind.RoleGranted, user.Id, request.Role, email: user.Email, cancellationToken: cancellationToken);
        }

        return answer;
    }
}
