using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>Production with no Seed:DemoData setting: the application's own default applies.</summary>
public sealed class ProductionAppFactory : AppFactory
{
    protected override string EnvironmentName => "Production";

    protected override bool? SeedDemoData => null;
}

/// <summary>Production where someone set Seed:DemoData=true explicitly.</summary>
public sealed class ProductionDemoAppFactory : AppFactory
{
    protected override string EnvironmentName => "Production";

    protected override bool? SeedDemoData => true;
}

/// <summary>Development as `dotnet run` starts it (launchSettings.json): appsettings.Development.json turns the demo data on.</summary>
public sealed class DevelopmentAppFactory : AppFactory
{
    protected override string EnvironmentName => "Development";

    protected override bool? SeedDemoData => null;
}

internal static class DemoAccounts
{
    public static Task<List<string>> InAsync(AppFactory app) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Email!.EndsWith("@ckm.demo")).Select(u => u.Email!).ToListAsync());

    public static List<LogRecord> Warnings(AppFactory app) =>
        app.Logs.Records.Where(r => r.Level == LogLevel.Warning && r.EventId.Id == DatabaseInitializer.DemoAccountsWarning.Id).ToList();

    /// <summary>Runs the start-up initialisation again, as the next start of the application would.</summary>
    public static async Task RestartInitializationAsync(AppFactory app)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }
}

public sealed class ProductionWithoutDemoSettingTests(ProductionAppFactory app) : IClassFixture<ProductionAppFactory>
{
    [Fact]
    public async Task Production_without_the_setting_seeds_no_demo_accounts_or_firms_and_warns_of_nothing()
    {
        (await DemoAccounts.InAsync(app)).ShouldBeEmpty();
        (await app.WithDbAsync(db => db.Companies.CountAsync())).ShouldBe(0);
        DemoAccounts.Warnings(app).ShouldBeEmpty();
    }
}

public sealed class ProductionWithDemoDataTests(ProductionDemoAppFactory app) : IClassFixture<ProductionDemoAppFactory>
{
    [Fact]
    public async Task Production_with_Seed_DemoData_true_seeds_the_demo_accounts_and_warns_at_every_start()
    {
        var accounts = await DemoAccounts.InAsync(app);
        accounts.ShouldContain("admin@ckm.demo");
        accounts.Count.ShouldBe(7);
        var first = DemoAccounts.Warnings(app).ShouldHaveSingleItem();
        first.Message.ShouldContain("Production");
        first.Message.ShouldContain("admin@ckm.demo");

        await DemoAccounts.RestartInitializationAsync(app);

        DemoAccounts.Warnings(app).Count.ShouldBe(2);
        (await DemoAccounts.InAsync(app)).Count.ShouldBe(7);
    }
}

public sealed class DevelopmentDemoDataTests(DevelopmentAppFactory app) : IClassFixture<DevelopmentAppFactory>
{
    [Fact]
    public async Task Development_as_dotnet_run_starts_it_has_the_demo_accounts_without_a_warning()
    {
        (await DemoAccounts.InAsync(app)).ShouldContain("rep.cae@ckm.demo");
        DemoAccounts.Warnings(app).ShouldBeEmpty();
    }
}
