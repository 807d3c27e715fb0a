using System.Text.Json;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Companies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Data;

/// <summary>Demo firms and one account per role, created once on an empty database. The accounts are listed in README.md.</summary>
internal sealed class DemoData(AppDbContext db, UserManager<AppUser> users, TimeProvider clock, string companiesFile, ILogger logger)
{
    public const string Password = "Maple-Hanok-2025";

    /// <summary>
    /// The authenticator key of the demo administrator, officials and organiser (two-factor sign-in is required for their
    /// roles): published in README.md so that anyone trying the demo can add it to an authenticator app.
    /// </summary>
    public const string AuthenticatorKey = "MAPLEHANOKDEMOKEYFORCKMTRIALS234";

    public static readonly IReadOnlyList<DemoUser> Users =
    [
        new("admin@ckm.demo", "Alex Admin", Roles.Administrator, "CanadaKoreaMatch", null),
        new("official.ccc@ckm.demo", "Claire Tremblay", Roles.TradeOfficial, "Canadian Commercial Corporation", null),
        new("official.kotra@ckm.demo", "Park Ji-woo", Roles.TradeOfficial, "KOTRA Toronto", null),
        new("organiser@ckm.demo", "Olivia Martin", Roles.ForumOrganiser, "Canada–Korea Defence Industry Cooperation Forum", null),
        new("rep.hanwhaocean@ckm.demo", "Kim Min-jun", Roles.CompanyRepresentative, null, "Hanwha Ocean"),
        new("rep.cae@ckm.demo", "Marc Gagnon", Roles.CompanyRepresentative, null, "CAE"),
        new("rep.gastops@ckm.demo", "Sarah Chen", Roles.CompanyRepresentative, null, "Gastops"),
    ];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Companies.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var stream = File.OpenRead(companiesFile);
        var seed = await JsonSerializer.DeserializeAsync<CompaniesSeed>(stream, Json, cancellationToken)
            ?? throw new InvalidOperationException("demo-companies.json is empty.");
        var companies = seed.Companies.Select(input =>
        {
            var company = new Company { Id = Guid.NewGuid(), CreatedAt = now, UpdatedAt = now, VerifiedAt = now };
            company.Apply(input);
            return company;
        }).ToList();
        db.Companies.AddRange(companies);

        foreach (var demo in Users)
        {
            var user = await users.FindByEmailAsync(demo.Email);
            if (user is null)
            {
                user = new AppUser { UserName = demo.Email, Email = demo.Email, EmailConfirmed = true, DisplayName = demo.Name, Organisation = demo.Organisation, CreatedAt = now };
                var result = await users.CreateAsync(user, Password);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Demo user {demo.Email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
                }

                await users.AddToRoleAsync(user, demo.Role);
                if (TwoFactorRules.PrivilegedRoles.Contains(demo.Role))
                {
                    await new UserStore<AppUser, IdentityRole, AppDbContext>(db).SetAuthenticatorKeyAsync(user, AuthenticatorKey, cancellationToken);
                    await users.SetTwoFactorEnabledAsync(user, true);
                }
            }

            if (demo.Company is not null && companies.FirstOrDefault(c => c.Name == demo.Company) is { } company)
            {
                company.Members.Add(new CompanyMember { UserId = user.Id, JoinedAt = now });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        var organiser = await users.FindByEmailAsync(Users.Single(u => u.Role == Roles.ForumOrganiser).Email);
        await DemoForums.SeedAsync(db, companies, organiser!.Id, now, cancellationToken);
        logger.LogInformation("Seeded {Count} demo firms and {Users} demo accounts", companies.Count, Users.Count);
    }

    public sealed record DemoUser(string Email, string Name, string Role, string? Organisation, string? Company);

    private sealed record CompaniesSeed(List<CompanyInput> Companies);
}
