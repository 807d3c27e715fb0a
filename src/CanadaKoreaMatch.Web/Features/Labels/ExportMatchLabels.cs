using System.Text.Json;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Labels;

/// <summary>
/// What people decided about pairs of firms, with the firms' profiles, for the match-quality evaluation
/// (<c>./build.sh bench matching-quality --labels FILE</c>, decision 015). Each firm–counterpart pair gives its latest decision; a
/// "not interested" counts only while the firm still excludes the counterpart. <see cref="Pool"/> "all" adds every firm of the
/// directory, so that the evaluation can rebuild the pool. Each export is recorded in the audit trail.
/// </summary>
[Authorize(Roles.TradeOfficial, Roles.Administrator)]
public sealed record ExportMatchLabels(string? Pool = null) : ICommand<MatchLabelExport>
{
    public const string LabelledFirms = "labelled";
    public const string AllFirms = "all";
}

public sealed record MatchLabelExport(DateTime ExportedAt, IReadOnlyList<LabelledFirm> Firms, IReadOnlyList<LabelDto> Labels)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

public sealed record LabelledFirm(
    Guid Id, string Name, string Country, string Size, IReadOnlyList<LabelledCapability> Offers, IReadOnlyList<LabelledCapability> Seeks,
    IReadOnlyList<string> Modes, IReadOnlyList<string> Programmes, IReadOnlyList<string> Compliance, IReadOnlyList<string> Languages, string Description);

public sealed record LabelledCapability(string Code, int? Trl);

/// <summary>
/// One decision. <c>Value</c> is the <see cref="MatchOutcome"/> name of an outcome; <c>Reason</c> the fixed reason, the note, or both
/// as "Code: note" (an official's rejection: its reason). <c>ListedIn</c> is the view the deciding firm was shown the counterpart in
/// (<see cref="Domain.ListedIn"/>; null for officials' decisions and for a firm that was in neither), <c>Rank</c> its place there and
/// <c>Score</c> the score that view showed (none on "looking for you"; the pair score for an official).
/// </summary>
public sealed record LabelDto(
    Guid CompanyId, Guid CounterpartId, string Kind, string? Value, bool Positive, string? Reason, DateTime RecordedAt,
    string? ListedIn, int? Rank, double? Score);

internal sealed class ExportMatchLabelsValidator : AbstractValidator<ExportMatchLabels>
{
    public ExportMatchLabelsValidator() =>
        RuleFor(e => e.Pool).Must(pool => pool is null or ExportMatchLabels.LabelledFirms or ExportMatchLabels.AllFirms)
            .WithMessage("'pool' is either 'labelled' (the firms the labels name, the default) or 'all' (the whole directory).");
}

internal sealed class ExportMatchLabelsHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<ExportMatchLabels, MatchLabelExport>
{
    public async Task<MatchLabelExport> Handle(ExportMatchLabels request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var labels = await LatestPerPairAsync(cancellationToken);
        var wholePool = request.Pool == ExportMatchLabels.AllFirms;
        var named = labels.SelectMany(l => new[] { l.CompanyId, l.CounterpartId }).Distinct().ToList();
        var companies = db.Companies.AsNoTracking().Include(c => c.Capabilities).AsSplitQuery();
        var firms = (await (wholePool ? companies : companies.Where(c => named.Contains(c.Id))).ToListAsync(cancellationToken))
            .OrderBy(c => c.Country, StringComparer.Ordinal).ThenBy(c => c.NormalizedName, StringComparer.Ordinal).ThenBy(c => c.Id)
            .Select(ToFirm).ToList();

        db.AuditEntries.Add(new AuditEntry
        {
            At = now, UserId = user.UserId, EntityType = nameof(MatchLabel), EntityId = "export", Action = "Exported",
            After = JsonSerializer.Serialize(new { pool = wholePool ? ExportMatchLabels.AllFirms : ExportMatchLabels.LabelledFirms, firms = firms.Count, labels = labels.Count }),
        });
        await db.SaveChangesAsync(cancellationToken);
        return new MatchLabelExport(now, firms, labels);
    }

    private async Task<List<LabelDto>> LatestPerPairAsync(CancellationToken cancellationToken)
    {
        var rows = await db.MatchLabels.AsNoTracking().OrderBy(l => l.Id).ToListAsync(cancellationToken);
        var notInterested = rows.Where(r => r.Kind == MatchLabelKind.NotInterested).Select(r => r.CompanyId).Distinct().ToList();
        var standing = (await db.CompanyExclusions.AsNoTracking()
                .Where(e => e.Kind == ExclusionKind.NotInterested && notInterested.Contains(e.CompanyId))
                .Select(e => new { e.CompanyId, e.ExcludedCompanyId }).ToListAsync(cancellationToken))
            .Select(e => (e.CompanyId, e.ExcludedCompanyId)).ToHashSet();
        return rows
            .Where(r => r.Kind != MatchLabelKind.NotInterested || standing.Contains((r.CompanyId, r.CounterpartId)))
            .GroupBy(r => (r.CompanyId, r.CounterpartId))
            .Select(pair => pair.OrderBy(r => r.RecordedAt).ThenBy(r => r.Id).Last())
            .OrderBy(r => r.RecordedAt).ThenBy(r => r.Id)
            .Select(r => new LabelDto(r.CompanyId, r.CounterpartId, r.Kind.ToString(), r.Value?.ToString(), r.Positive, ReasonOf(r),
                DateTime.SpecifyKind(r.RecordedAt, DateTimeKind.Utc), r.ListedIn?.ToString(), r.Rank, r.Score))
            .ToList();
    }

    private static string? ReasonOf(MatchLabel label) => (label.ReasonCode, label.ReasonNote) switch
    {
        (null, var note) => note,
        (var code, null) => code,
        var (code, note) => $"{code}: {note}",
    };

    private static LabelledFirm ToFirm(Company c) => new(
        c.Id, c.Name, c.Country, c.Size == CompanySize.Sme ? "SME" : "LARGE",
        Capabilities(c, CapabilityDirection.Offers), Capabilities(c, CapabilityDirection.Seeks),
        c.Modes, c.Programmes, c.Compliance, c.Languages, c.Description);

    private static List<LabelledCapability> Capabilities(Company c, CapabilityDirection direction) =>
        c.Capabilities.Where(x => x.Direction == direction).OrderBy(x => x.Id).Select(x => new LabelledCapability(x.Code, x.Trl)).ToList();
}
