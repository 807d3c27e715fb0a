using CanadaKoreaMatch.Web.Features.Users;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Account;

public sealed class RegisterModel(IMediator mediator) : PageModel, IFormPage
{
    [BindProperty]
    public SignUpForm Input { get; set; } = new();

    public void OnGet(string? email) => Input.Email = email;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await mediator.Send(new SignUp(Input.DisplayName ?? "", Input.Email ?? "", Input.Password ?? ""), ct);
        return RedirectToPage("RegisterConfirmation", new { email = Input.Email });
    }

    public string FormPrefix => nameof(Input);

    public Task RedisplayAsync(Exception refusal, CancellationToken ct) => Task.CompletedTask;

    public sealed class SignUpForm
    {
        public string? DisplayName { get; set; }

        public string? Email { get; set; }

        public string? Password { get; set; }
    }
}
