using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CanadaKoreaMatch.Web.Tests.Infrastructure;

public static class ApiExtensions
{
    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException($"Not a JSON object: {text}");
    }

    public static async Task<Guid> RegisterCompanyAsync(this HttpClient client, Dictionary<string, object?>? payload = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/companies", payload ?? Payloads.Company());
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.JsonAsync())["id"]!.GetValue<Guid>();
    }

    public static string[] ErrorFields(this JsonObject problem) =>
        problem["errors"]?.AsObject().Select(e => e.Key).ToArray() ?? [];

    public static JsonSerializerOptions Web { get; } = new(JsonSerializerDefaults.Web);
}
