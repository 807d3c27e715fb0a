using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using CanadaKoreaMatch.Web.Common.Email;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Domain;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace CanadaKoreaMatch.Web.Features.Users;

/// <summary>An administrator invites a trade official, forum organiser or administrator, who sets a password from the emailed link.</summary>
[Authorize(Roles.Administrator)]
public sealed record InviteUser(string DisplayName, string Email, string Role, string? Organisation) : ICommand<UserDto>;

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
    }
}

internal sealed class InviteUserHandler(UserManager<AppUser> users, IEmailOutbox outbox, LinkGenerator links,
    IHttpContextAccessor http, TimeProvider clock) : IRequestHandler<InviteUser, UserDto>
{
    public async Task<UserDto> Handle(InviteUser request, CancellationToken cancellationToken)
    {
        var user = new AppUser
        {
            UserName = request.Email, Email = request.Email, EmailConfirmed = true,
            DisplayName = request.DisplayName.Trim(), Organisation = request.Organisation?.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        IdentityErrors.ThrowIfFailed(await users.CreateAsync(user));
        IdentityErrors.ThrowIfFailed(await users.AddToRoleAsync(user, request.Role));
        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        var link = links.GetUriByPage(http.HttpContext!, "/Account/AcceptInvitation", values: new { email = user.Email, code = token })!;
        await outbox.SendAsync(new EmailMessage(user.Email, "You are invited to CanadaKoreaMatch",
            $"<p>{WebUtility.HtmlEncode(user.DisplayName)}, you have been invited to CanadaKoreaMatch as {WebUtility.HtmlEncode(request.Role)}.</p>" +
            $"<p><a href=\"{HtmlEncoder.Default.Encode(link)}\">Choose your password</a> to activate your account.</p>"), cancellationToken);
        return new UserDto(user.Id, user.DisplayName, user.Email, user.Organisation, [request.Role], true);
    }
}
