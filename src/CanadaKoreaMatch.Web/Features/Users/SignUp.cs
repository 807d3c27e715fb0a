using System.Text;
using CanadaKoreaMatch.Web.Common.Email;
using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Localization;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Domain;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace CanadaKoreaMatch.Web.Features.Users;

/// <summary>A company representative creates an account; a confirmation link is emailed before they can sign in.</summary>
public sealed record SignUp(string DisplayName, string Email, string Password) : ICommand<Unit>;

internal sealed class SignUpValidator : AbstractValidator<SignUp>
{
    public SignUpValidator()
    {
        RuleFor(s => s.DisplayName).NotEmpty().WithMessage("Enter your name.").MaximumLength(100);
        RuleFor(s => s.Email).NotEmpty().WithMessage("Enter your email address.")
            .EmailAddress().WithMessage("Enter a valid email address.").MaximumLength(256);
        RuleFor(s => s.Password).NotEmpty().WithMessage("Choose a password.")
            .MinimumLength(Common.IdentitySetup.PasswordMinLength).WithMessage($"Use at least {Common.IdentitySetup.PasswordMinLength} characters.")
            .MaximumLength(256);
    }
}

internal sealed class SignUpHandler(UserManager<AppUser> users, IEmailSender<AppUser> email, PublicUrls urls, TimeProvider clock) : IRequestHandler<SignUp, Unit>
{
    public async Task<Unit> Handle(SignUp request, CancellationToken cancellationToken)
    {
        var user = new AppUser
        {
            UserName = request.Email, Email = request.Email, DisplayName = request.DisplayName.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime, Language = SupportedCultures.Current,
        };
        IdentityErrors.ThrowIfFailed(await users.CreateAsync(user, request.Password));
        IdentityErrors.ThrowIfFailed(await users.AddToRoleAsync(user, Roles.CompanyRepresentative));
        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        await email.SendConfirmationLinkAsync(user, request.Email, urls.Page("/Account/ConfirmEmail", new { userId = user.Id, code = token }));
        return Unit.Value;
    }
}

internal static class IdentityErrors
{
    public static void ThrowIfFailed(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return;
        }

        var errors = result.Errors.GroupBy(e => Field(e.Code)).ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
        throw new InputException("The account could not be created.", errors);
    }

    private static string Field(string code) => code switch
    {
        _ when code.StartsWith("Password", StringComparison.Ordinal) => "password",
        _ when code.Contains("Email", StringComparison.Ordinal) || code.Contains("UserName", StringComparison.Ordinal) => "email",
        _ => "",
    };
}
