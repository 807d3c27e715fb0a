using System.Net.Http.Headers;
using System.Net.Http.Json;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CanadaKoreaMatch.Web.Tests.Infrastructure;

/// <summary>The real application on a throwaway database, without demo data; helpers create users of each role.</summary>
public class AppFactory : WebApplicationFactory<Program>
{
    public const string Password = "correct horse battery";
    public const string AdminEmail = "root@ckm.test";

    private readonly TestDatabase database = new();

    public const string PublicBaseUrl = "https://match.ckm.test";

    public string Provider => database.Provider;

    public string Outbox => Path.Combine(database.WorkDirectory, "outbox");

    protected virtual bool SeedDemoData => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", database.Provider);
        builder.UseSetting("ConnectionStrings:Default", database.ConnectionString);
        builder.UseSetting("Seed:DemoData", SeedDemoData ? "true" : "false");
        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", Password);
        builder.UseSetting("Email:PickupDirectory", Outbox);
        builder.UseSetting("App:BaseUrl", PublicBaseUrl);
    }

    /// <summary>Delivers the outbox now (as the background job would) and returns the path and query of the link in the latest message to the address.</summary>
    public async Task<string> LinkSentToAsync(string to)
    {
        await DeliverMailAsync();
        return Mailbox.LinkSentTo(Outbox, to);
    }

    /// <summary>Delivers the outbox now and returns the HTML bodies of the messages to the address, oldest first.</summary>
    public async Task<IReadOnlyList<string>> MailToAsync(string to)
    {
        await DeliverMailAsync();
        return Mailbox.MessagesTo(Outbox, to);
    }

    public Task<int> DeliverMailAsync() => Services.GetRequiredService<MailDelivery>().RunOnceAsync();

    public async Task<string> CreateUserAsync(string role, string? email = null)
    {
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@ckm.test";
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = role + " tester" };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
        return email;
    }

    public async Task<HttpClient> ClientForAsync(string email)
    {
        var client = CreateClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        login.EnsureSuccessStatusCode();
        var token = await login.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public async Task<HttpClient> ClientInRoleAsync(string role) => await ClientForAsync(await CreateUserAsync(role));

    public async Task WithDbAsync(Func<AppDbContext, Task> action)
    {
        using var scope = Services.CreateScope();
        await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        using var scope = Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            database.Dispose();
        }
    }

    private sealed record TokenResponse(string AccessToken);
}

public sealed class DemoAppFactory : AppFactory
{
    protected override bool SeedDemoData => true;
}
