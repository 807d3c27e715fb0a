using System.Text.Json;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Taxonomy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Data;

/// <summary>At start-up: apply migrations, seed the taxonomy and roles, create the first administrator, and the demo data when asked.</summary>
public sealed class DatabaseInitializer(
    AppDbContext db,
    TaxonomyCatalog taxonomy,
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IConfiguration configuration,
    IWebHostEnvironment environment,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        await SeedTaxonomyAsync(cancellationToken);
        await taxonomy.LoadAsync(db, cancellationToken);
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        await BootstrapAdministratorAsync();
        if (configuration.GetValue("Seed:DemoData", false))
        {
            await new DemoData(db, users, clock, SeedFile("demo-companies.json"), logger).SeedAsync(cancellationToken);
        }

        await WarnOfDemoAccountsAsync(cancellationToken);
    }

    /// <summary>The demo accounts share a published password: outside Development their presence is reported at every start.</summary>
    private async Task WarnOfDemoAccountsAsync(CancellationToken cancellationToken)
    {
        if (environment.IsDevelopment())
        {
            return;
        }

        var demoEmails = DemoData.Users.Select(u => u.Email.ToUpperInvariant()).ToList();
        var present = await db.Users.Where(u => u.NormalizedEmail != null && demoEmails.Contains(u.NormalizedEmail))
            .Select(u => u.Email!).OrderBy(e => e).ToListAsync(cancellationToken);
        if (present.Count > 0)
        {
            logger.LogWarning(DemoAccountsWarning, "Demo accounts with the published demo password exist in the {Environment} environment: {Accounts}. "
                + "Delete them, or start from a database seeded with Seed:DemoData=false.", environment.EnvironmentName, string.Join(", ", present));
        }
    }

    public static readonly EventId DemoAccountsWarning = new(1701, "DemoAccountsPresent");

    private static string SeedFile(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "Seed", name);

    private async Task SeedTaxonomyAsync(CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(SeedFile("taxonomy.json"));
        var seed = await JsonSerializer.DeserializeAsync<TaxonomySeed>(stream, Json, cancellationToken)
            ?? throw new InvalidOperationException("taxonomy.json is empty.");
        var existing = await db.TaxonomyTerms.ToDictionaryAsync(t => (t.Kind, t.Code), cancellationToken);
        foreach (var (kind, terms) in seed.ByKind())
        {
            for (var i = 0; i < terms.Count; i++)
            {
                var source = terms[i];
                if (!existing.TryGetValue((kind, source.Code), out var term))
                {
                    term = new TaxonomyTerm { Kind = kind, Code = source.Code };
                    db.TaxonomyTerms.Add(term);
                }

                (term.LabelEn, term.LabelFr, term.LabelKo, term.SortOrder) = (source.En, source.Fr, source.Ko, i);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task BootstrapAdministratorAsync()
    {
        var email = configuration["Bootstrap:AdminEmail"];
        var password = configuration["Bootstrap:AdminPassword"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password)
            || (await users.GetUsersInRoleAsync(Roles.Administrator)).Count > 0)
        {
            return;
        }

        var admin = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Administrator", CreatedAt = clock.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Bootstrap administrator could not be created: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(admin, Roles.Administrator);
        logger.LogInformation("Created the first administrator {Email} ({Environment})", email, environment.EnvironmentName);
    }

    private sealed record TaxonomySeed(
        List<SeedTerm> Domains, List<SeedTerm> Capabilities, List<SeedTerm> Modes,
        List<SeedTerm> Programmes, List<SeedTerm> Compliance, List<SeedTerm> Languages)
    {
        public IEnumerable<(TaxonomyKind, List<SeedTerm>)> ByKind() =>
        [
            (TaxonomyKind.Domain, Domains), (TaxonomyKind.Capability, Capabilities), (TaxonomyKind.Mode, Modes),
            (TaxonomyKind.Programme, Programmes), (TaxonomyKind.Compliance, Compliance), (TaxonomyKind.Language, Languages),
        ];
    }

    private sealed record SeedTerm(string Code, string En, string Fr, string Ko);
}
