using CanadaKoreaMatch.Web.Common.Localization;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Users;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Admin;

public sealed class UsersModel(IMediator mediator) : PageModel, IFormPage
{
    [BindProperty]
    public InviteForm Invite { get; set; } = new();

    public IReadOnlyList<UserDto> Users { get; private set; } = [];

    /// <summary>True when a disable, enable or role withdrawal was refused: its message shows above the table, not in the invitation form.</summary>
    public bool AccessChangeFailed { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Users = await mediator.Send(new ListUsers(), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await mediator.Send(new InviteUser(Invite.DisplayName ?? "", Invite.Email ?? "", Invite.Role ?? "", Invite.Organisation, Invite.Language), ct);
        TempData["Flash"] = "Invitation sent.";
        return RedirectToPage();
    }

    public string FormPrefix => nameof(Invite);

    public async Task<IActionResult> OnPostDisableAsync(string userId, CancellationToken ct)
    {
        await mediator.Send(new DisableUser(userId), ct);
        TempData["Flash"] = "The account is disabled: its sign-ins fail and its sessions have ended.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEnableAsync(string userId, CancellationToken ct)
    {
        await mediator.Send(new EnableUser(userId), ct);
        TempData["Flash"] = "The account is enabled again.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostWithdrawRoleAsync(string userId, string role, CancellationToken ct)
    {
        await mediator.Send(new WithdrawRole(userId, role), ct);
        TempData["Flash"] = "The role is withdrawn and the person's sessions have ended.";
        return RedirectToPage();
    }

    public async Task RedisplayAsync(Exception refusal, CancellationToken ct)
    {
        AccessChangeFailed = !string.IsNullOrEmpty(Request.Query["handler"]);
        Users = await mediator.Send(new ListUsers(), ct);
    }

    public sealed class InviteForm
    {
        public string? DisplayName { get; set; }

        public string? Email { get; set; }

        public string? Role { get; set; } = Roles.TradeOfficial;

        public string? Organisation { get; set; }

        public string? Language { get; set; } = SupportedCultures.Current;
    }
}
