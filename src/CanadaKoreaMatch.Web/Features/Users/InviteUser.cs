using System.Text;
using CanadaKoreaMatch.Web.Common.Email;
using CanadaKoreaMatch.Web.Common.Localization;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Domain;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace CanadaKoreaMatch.Web.Features.Users;

/// <summary>An administrator invites a trade official, forum organiser or administrator, who sets a password from the emailed link.</summary>
/// <remarks>Language (en, fr, ko) is the language of the invitation and later messages; the inviting administrator's by default.</remarks>
[Authorize(Roles.Administrator)]
public sealed record InviteUser(string DisplayName, string Email, string Role, string? Organisation, string? Language = null) : ICommand<UserDto>;

public sealed record UserDto(string Id, string DisplayName, string Email, string? Organisation, IReadOnlyList<string> Roles, bool EmailConfirmed);

internal sealed class InviteUserValidator : AbstractValidator<InviteUser>
{
    public InviteUserValidator()
    {
        RuleFor(s => s.DisplayName).NotEmpty().WithMessage("Enter the person's name.").MaximumLength(100);
        RuleFor(s => s.Email).NotEmpty().EmailAddress().WithMessage("Enter a valid email address.").MaximumLength(256);
        RuleFor(s => s.Role).Must(r => Roles.Invitable.Contains(r))
            .WithMessage($"Role must be one of: {string.Join(", ", Roles.Invitable)}.");
        RuleFor(s => s.Organisation).MaximumLength(200);
        RuleFor(s => s.Language).Must(l => l is null || SupportedCultures.All.Contains(l))
            .WithMessage($"Language must be one of: {string.Join(", ", SupportedCultures.All)}.");
    }
}

internal sealed class InviteUserHandler(UserManager<AppUser> users, IEmailOutbox outbox, PublicUrls urls, TimeProvider clock) : IRequestHandler<InviteUser, UserDto>
{
    public async Task<UserDto> Handle(InviteUser request, CancellationToken cancellationToken)
    {
        var user = new AppUser
        {
            UserName = request.Email, Email = request.Email, EmailConfirmed = true,
            DisplayName = request.DisplayName.Trim(), Organisation = request.Organisation?.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime,
            Language = request.Language ?? SupportedCultures.Current,
        };
        IdentityErrors.ThrowIfFailed(await users.CreateAsync(user));
        IdentityErrors.ThrowIfFailed(await users.AddToRoleAsync(user, request.Role));
        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        var link = urls.Page("/Account/AcceptInvitation", new { email = user.Email, code = token });
        await outbox.EnqueueAsync(new Email(user.Email, user.Language, "invitation",
            new Dictionary<string, object?> { ["name"] = user.DisplayName, ["role"] = request.Role, ["link"] = link }), cancellationToken);
        return new UserDto(user.Id, user.DisplayName, user.Email, user.Organisation, [request.Role], true);
    }
}
