using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Companies;
using CanadaKoreaMatch.Web.Features.Matches;
using CanadaKoreaMatch.Web.Features.Suggestions;
using CanadaKoreaMatch.Web.Features.Taxonomy;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Companies;

public sealed class SuggestionsModel(IMediator mediator, TaxonomyCatalog taxonomy) : PageModel, IFormPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public const string LookingForYouView = "looking-for-you";

    private string? view;

    /// <summary>Null: the firm's own suggested partners; <see cref="LookingForYouView"/>: the firms whose suggestions hold it.</summary>
    [BindProperty(SupportsGet = true)]
    public string? View
    {
        get => view;
        set => view = value == LookingForYouView ? value : null;
    }

    private string? domain;
    private string? programme;
    private string? mode;

    /// <summary>A filter is a code of the taxonomy, as the filter form offers them; anything else filters nothing.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Domain
    {
        get => domain;
        set => domain = Code(TaxonomyKind.Domain, value);
    }

    [BindProperty(SupportsGet = true)]
    public string? Programme
    {
        get => programme;
        set => programme = Code(TaxonomyKind.Programme, value);
    }

    [BindProperty(SupportsGet = true)]
    public string? Mode
    {
        get => mode;
        set => mode = Code(TaxonomyKind.Mode, value);
    }

    public string CompanyName { get; private set; } = "";

    public bool CanAct { get; private set; }

    public bool Verified { get; private set; }

    /// <summary>An official withheld the firm's verification and waits for it to answer the reason.</summary>
    public bool Withheld { get; private set; }

    public IReadOnlyList<SuggestionDto> Suggestions { get; private set; } = [];

    public IReadOnlyList<LookingForYouDto> LookingForYou { get; private set; } = [];

    public IReadOnlyList<MatchRow> Introductions { get; private set; } = [];

    public IReadOnlyList<CompanySummary> Counterparts { get; private set; } = [];

    public IReadOnlyList<ExclusionDto> SetAside { get; private set; } = [];

    /// <summary>The "not interested" form as posted, shown again with its messages when it was refused.</summary>
    public NotInterestedForm? NotInterested { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostRequestAsync(Guid counterpartId, string? message, CancellationToken ct)
    {
        await mediator.Send(new RequestIntroduction(Id, counterpartId, message), ct);
        TempData["Flash"] = "Introduction requested. A trade official will review it.";
        return RedirectToPage(new { id = Id, view = View });
    }

    public Task RedisplayAsync(Exception refusal, CancellationToken ct) => LoadAsync(ct);

    /// <summary>The page in <paramref name="view"/>, with the filters in force, so that a tab lists what its count counts.</summary>
    public string ViewUrl(string? view) =>
        Url.Page("/Companies/Suggestions", new { id = Id, view, domain = Domain, programme = Programme, mode = Mode })!;

    public async Task<IActionResult> OnPostNotInterestedAsync(Guid counterpartId, NotInterestedReason? reason, string? note, CancellationToken ct)
    {
        NotInterested = new NotInterestedForm(counterpartId, reason, note);
        if (ModelState.TryGetValue(nameof(reason), out var posted) && posted.Errors.Count > 0)
        {
            ModelState.Remove(nameof(reason));
            throw InputException.For(nameof(reason), ExcludeCompanyValidator.UnknownReason);
        }

        await mediator.Send(new ExcludeCompany(Id, counterpartId, ExclusionKind.NotInterested, reason, note), ct);
        TempData["Flash"] = "This firm will not be suggested again, unless you take it back under \"Firms set aside\".";
        return RedirectToPage(new { id = Id, view = View });
    }

    public async Task<IActionResult> OnPostExcludeAsync(Guid excludedId, CancellationToken ct)
    {
        await mediator.Send(new ExcludeCompany(Id, excludedId, ExclusionKind.Excluded), ct);
        TempData["Flash"] = "This firm will not be suggested again, unless you take it back under \"Firms set aside\".";
        return RedirectToPage(new { id = Id, view = View });
    }

    public async Task<IActionResult> OnPostSuggestAgainAsync(Guid excludedId, CancellationToken ct)
    {
        try
        {
            await mediator.Send(new RemoveExclusion(Id, excludedId), ct);
        }
        catch (NotFoundException)
        {
            // Taken back already (a second click, a colleague): the firm is set aside no more either way.
        }

        TempData["Flash"] = "This firm may be suggested again: the list is refreshed within a minute.";
        return RedirectToPage(new { id = Id, view = View });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var view = await mediator.Send(new GetCompany(Id), ct);
        CompanyName = view.Company.Name;
        CanAct = view.CanEdit;
        Verified = view.Company.Verified;
        Withheld = view.Company.VerificationWithheld is { ChangedSince: false };
        Suggestions = await mediator.Send(new GetSuggestions(Id, SuggestionRecomputer.StoredTop, Domain, Programme, Mode), ct);
        LookingForYou = await mediator.Send(new GetFirmsLookingForYou(Id, SuggestionRecomputer.StoredTop, Domain, Programme, Mode), ct);
        Introductions = await mediator.Send(new ListCompanyMatches(Id), ct);
        if (CanAct)
        {
            Counterparts = (await mediator.Send(new ListCompanies(PageSize: ListCompanies.MaxPageSize, Country: Countries.Other(view.Company.Country), Verified: true), ct)).Items;
            SetAside = await mediator.Send(new ListExclusions(Id), ct);
        }
    }

    private string? Code(TaxonomyKind kind, string? value) => value is not null && taxonomy.Contains(kind, value) ? value : null;
}

public sealed record NotInterestedForm(Guid CounterpartId, NotInterestedReason? Reason, string? Note);

/// <summary>One firm on either view of the suggestions page; <see cref="Score"/> is the reader's own, so the other view has none.</summary>
public sealed record SuggestionCard(
    SuggestionsModel Page, Guid CompanyId, string Name, string Country, string Region, double? Score,
    IReadOnlyList<ReasonDto> Reasons, Guid? MatchId, string? MatchStatus, bool InYourSuggestions);
