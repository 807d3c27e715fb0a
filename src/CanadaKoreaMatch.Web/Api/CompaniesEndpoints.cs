using System.Text;
using CanadaKoreaMatch.Web.Common;
using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Features.Companies;
using MediatR;

namespace CanadaKoreaMatch.Web.Api;

internal static class CompaniesEndpoints
{
    public static void MapCompaniesEndpoints(this RouteGroupBuilder api)
    {
        var companies = api.MapGroup("/companies").WithTags("Companies");

        companies.MapGet("/", (IMediator mediator, CancellationToken ct, int page = 1, int pageSize = 20, string? search = null, string? country = null, bool? verified = null, bool awaiting = false) =>
                mediator.Send(new ListCompanies(page, pageSize, search, country, verified, Awaiting: awaiting), ct))
            .WithSummary("Lists the firms the caller may see, a page at a time; awaiting=true: the officials' queue of firms to verify (not those whose verification is withheld until they answer).");

        companies.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetCompany(id), ct)).Company)
            .WithSummary("One firm's profile.");

        companies.MapPost("/", async (RegisterCompany command, IMediator mediator, CancellationToken ct) =>
            {
                var company = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/v1/companies/{company.Id}", company);
            })
            .RequireAuthorization(IdentitySetup.ApiPolicy)
            .WithSummary("Registers a firm. A representative becomes its first representative; the firm awaits verification.");

        companies.MapPut("/{id:guid}", (Guid id, UpdateCompany command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { CompanyId = id }, ct))
            .RequireAuthorization(IdentitySetup.ApiPolicy)
            .WithSummary("Replaces a firm's profile. Send the version you loaded to be told (409) when someone changed it meanwhile.");

        companies.MapPost("/{id:guid}/verify", (Guid id, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new VerifyCompany(id), ct))
            .RequireAuthorization(IdentitySetup.ApiPolicy)
            .WithSummary("Marks a firm as verified (trade officials and administrators).");

        companies.MapPost("/{id:guid}/withhold-verification", (Guid id, ReasonRequest body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new WithholdVerification(id, body.Reason), ct))
            .RequireAuthorization(IdentitySetup.ApiPolicy)
            .WithSummary("Declines to verify a firm, or withdraws its verification, with the reason its representatives will read (trade officials and administrators). The firm returns to the queue when its profile changes.");

        companies.MapPost("/{id:guid}/representatives", (Guid id, RepresentativeRequest body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new AddRepresentative(id, body.Email), ct))
            .RequireAuthorization(IdentitySetup.ApiPolicy)
            .WithSummary("Adds a colleague with a confirmed representative account to the firm, or invites the address: it is e-mailed a link with a secret token that its confirmed representative account accepts (POST /api/v1/invitations/accept or the link's page); the answer is the same either way.");

        companies.MapGet("/{id:guid}/invitations", (Guid id, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListRepresentativeInvitations(id), ct))
            .RequireAuthorization(IdentitySetup.ApiPolicy)
            .WithSummary("The firm's pending invitations to represent it, with who invited and when they expire (the firm's representatives, administrators).");

        companies.MapDelete("/{id:guid}/invitations/{invitationId:guid}", async (Guid id, Guid invitationId, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new WithdrawRepresentativeInvitation(id, invitationId), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(IdentitySetup.ApiPolicy)
            .WithSummary("Withdraws a pending invitation: its address no longer joins the firm.");

        api.MapPost("/invitations/accept", (InvitationTokenRequest body, IMediator mediator, CancellationToken ct) =>
                RepresentativeInvitationAcceptance.AcceptAsync(mediator, body.Token ?? "", ct))
            .WithTags("Companies")
            .RequireAuthorization(IdentitySetup.ApiPolicy)
            .WithSummary("Accepts an invitation to represent a firm with the token its e-mail carried: the signed-in account joins the firm when it is a confirmed, enabled company representative account with exactly the invited address (409 otherwise, or when the token is unknown, used, withdrawn or expired).");

        companies.MapDelete("/{id:guid}/representatives/{userId}", async (Guid id, string userId, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new RemoveRepresentative(id, userId), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(IdentitySetup.ApiPolicy)
            .WithSummary("Removes a colleague from the firm at once (the firm's representatives, administrators). A firm keeps at least one representative.");

        companies.MapPost("/import", async (HttpRequest request, IMediator mediator, CancellationToken ct) =>
                await mediator.Send(new ImportCompanies(await CsvUpload.ReadAsync(request, ct)), ct))
            .RequireAuthorization(IdentitySetup.ApiPolicy)
            .RequireRateLimiting(RateLimits.Import)
            .DisableAntiforgery()
            .WithSummary("Imports firms from CSV (body as text/csv, or a multipart field 'file'), all or nothing.");

        companies.MapGet("/export", async (IMediator mediator, CancellationToken ct, string? country = null) =>
                TypedResults.Text(await mediator.Send(new ExportCompanies(country), ct), "text/csv; charset=utf-8"))
            .RequireAuthorization(IdentitySetup.ApiPolicy)
            .WithSummary("Exports firms as CSV in the import layout.");
    }

    internal sealed record RepresentativeRequest(string Email);

    internal sealed record ReasonRequest(string Reason);

    internal sealed record InvitationTokenRequest(string? Token);
}

internal static class CsvUpload
{
    public static async Task<string> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > CompanyCsv.MaxBytes)
        {
            throw TooLarge();
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? throw InputException.For("file", "Attach the CSV file in a form field named 'file'.");
            if (file.Length > CompanyCsv.MaxBytes)
            {
                throw TooLarge();
            }

            using var fileReader = CompanyCsv.Utf8Reader(file.OpenReadStream());
            try
            {
                return await fileReader.ReadToEndAsync(ct);
            }
            catch (DecoderFallbackException)
            {
                throw NotUtf8();
            }
        }

        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (mediaType is not ("text/csv" or "text/plain" or "application/csv"))
        {
            throw InputException.For("contentType", "Send the CSV as the body with Content-Type text/csv, or as a multipart form field 'file'.");
        }

        var buffer = new char[CompanyCsv.MaxBytes + 1];
        using var reader = CompanyCsv.Utf8Reader(request.Body);
        int read;
        try
        {
            read = await reader.ReadBlockAsync(buffer, ct);
        }
        catch (DecoderFallbackException)
        {
            throw NotUtf8();
        }

        if (read > CompanyCsv.MaxBytes)
        {
            throw TooLarge();
        }

        return new string(buffer, 0, read);
    }

    private static InputException NotUtf8() =>
        InputException.For("file", "The file is not UTF-8 text: save it as CSV UTF-8 and upload it again.");

    private static InputException TooLarge() =>
        InputException.For("file", "The file is larger than the {0} MB limit. Split it into smaller files.", CompanyCsv.MaxBytes / (1024 * 1024));
}
