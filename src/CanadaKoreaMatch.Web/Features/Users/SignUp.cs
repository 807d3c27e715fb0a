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

/// <summary>
/// A company representative creates an account; a confirmation link is emailed before they can sign in. An address that
/// already has an account gets the same answer, and its owner an e-mail instead of a second account.
/// </summary>
public sealed record SignUp(string DisplayName, string Email, string Password) : ICommand<Unit>;

internal sealed class SignUpValidator : AbstractValidator<SignUp>
{
    public SignUpValidator()
    {
        RuleFor(s => s.DisplayName).NotEmpty().WithMessage("Enter your name.").MaximumLength(100);
        RuleFor(s => s.Email).NotEmpty().WithMessage("Enter your email address.")
            .EmailAddress().WithMessage("Enter a valid email address.").MaximumLength(256);
        RuleFor(s => s.Password).NotEmpty().WithMessage("Choose a password.")
            .MinimumLength(Common.IdentitySetup.PasswordMinLength).WithRefusal("Use at least {0} characters.", _ => Common.IdentitySetup.PasswordMinLength)
            .MaximumLength(256);
    }
}

internal sealed class SignUpHandler(UserManager<AppUser> users, IEmailSender<AppUser> email, IEmailOutbox outbox, PublicUrls urls, TimeProvider clock)
    : IRequestHandler<SignUp, Unit>
{
    public async Task<Unit> Handle(SignUp request, CancellationToken cancellationToken)
    {
        var address = request.Email.Trim();
        var user = new AppUser
        {
            UserName = address, Email = address, DisplayName = request.DisplayName.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime, Language = SupportedCultures.Current,
        };
        var created = await users.CreateAsync(user, request.Password);
        if (IdentityErrors.OnlyDuplicateAddress(created))
        {
            await AccountExistsMail.SendAsync(users, outbox, urls, address, cancellationToken);
            return Unit.Value;
        }

        IdentityErrors.ThrowIfFailed(created);
        IdentityErrors.ThrowIfFailed(await users.AddToRoleAsync(user, Roles.CompanyRepresentative));
        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        await email.SendConfirmationLinkAsync(user, address, urls.Page("/Account/ConfirmEmail", new { userId = user.Id, code = token }));
        return Unit.Value;
    }
}

/// <summary>What the owner of an address that already has an account reads when someone signs up with it again.</summary>
internal static class AccountExistsMail
{
    public static async Task SendAsync(UserManager<AppUser> users, IEmailOutbox outbox, PublicUrls urls, string address, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(address) is { Email: { } to } existing)
        {
            await outbox.EnqueueAsync(new Email(to, existing.Language, "account-exists",
                new Dictionary<string, object?> { ["name"] = existing.DisplayName, ["link"] = urls.Page("/Account/Login") }), cancellationToken);
        }
    }
}

internal static class IdentityErrors
{
    /// <summary>True when the account was refused only because its address (user name) is taken.</summary>
    public static bool OnlyDuplicateAddress(IdentityResult result) =>
        !result.Succeeded && result.Errors.All(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName));

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
