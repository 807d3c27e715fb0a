using System.Text;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace CanadaKoreaMatch.Web.Pages.Account;

/// <summary>The link sent to a new e-mail address: the address (and the sign-in name) change, and every session of the account ends.</summary>
public sealed class ConfirmEmailChangeModel(AppDbContext db, UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    public bool Changed { get; private set; }

    public string? Email { get; private set; }

    public async Task OnGetAsync(string? userId, string? email, string? code)
    {
        if (userId is null || email is null || code is null || await users.FindByIdAsync(userId) is not { } user)
        {
            return;
        }

        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return;
        }

        // The address and the sign-in name change together or not at all.
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            if (!(await users.ChangeEmailAsync(user, email, token)).Succeeded || !(await users.SetUserNameAsync(user, email)).Succeeded)
            {
                return;
            }

            await transaction.CommitAsync();
        }

        Changed = true;
        Email = email;
        if (users.GetUserId(User) == user.Id)
        {
            await signIn.RefreshSignInAsync(user);
        }
    }
}
