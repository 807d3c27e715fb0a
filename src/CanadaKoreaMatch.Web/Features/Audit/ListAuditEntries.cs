using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Companies;
using CsvHelper;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Audit;

/// <summary>The audit trail, newest first, filtered by the firm or match concerned, the kind of record, the person and the period.</summary>
[Authorize(Roles.TradeOfficial, Roles.Administrator)]
public sealed record ListAuditEntries(Guid? SubjectId = null, string? EntityType = null, string? UserEmail = null,
    DateTime? From = null, DateTime? To = null, int Page = 1, int PageSize = 50) : IQuery<Page<AuditEntryDto>>;

/// <summary>The same entries as CSV (at most 100,000 rows).</summary>
[Authorize(Roles.TradeOfficial, Roles.Administrator)]
public sealed record ExportAuditEntries(Guid? SubjectId = null, string? EntityType = null, string? UserEmail = null,
    DateTime? From = null, DateTime? To = null) : IQuery<string>;

public sealed record AuditEntryDto(long Id, DateTime At, string? User, string EntityType, string EntityId, Guid SubjectId, string Action, string? Before, string? After);

internal sealed class ListAuditEntriesValidator : AbstractValidator<ListAuditEntries>
{
    public ListAuditEntriesValidator()
    {
        RuleFor(q => q.Page).IsAPage(q => q.PageSize);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 200);
        RuleFor(q => q.EntityType).MaximumLength(64);
        RuleFor(q => q.UserEmail).MaximumLength(256);
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null)
            .WithMessage("'to' must not be before 'from'.");
    }
}

internal static class AuditQuery
{
    public static IQueryable<AuditEntryDto> Build(AppDbContext db, Guid? subjectId, string? entityType, string? userEmail, DateTime? from, DateTime? to)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (subjectId is { } subject)
        {
            entries = entries.Where(e => e.SubjectId == subject);
        }

        if (!string.IsNullOrWhiteSpace(entityType))
        {
            entries = entries.Where(e => e.EntityType == entityType);
        }

        if (from is { } start)
        {
            var utc = DateTime.SpecifyKind(start, DateTimeKind.Utc);
            entries = entries.Where(e => e.At >= utc);
        }

        if (to is { } end)
        {
            var utc = DateTime.SpecifyKind(end, DateTimeKind.Utc);
            entries = entries.Where(e => e.At <= utc);
        }

        var rows = from e in entries
                   join u in db.Users on e.UserId equals u.Id into users
                   from u in users.DefaultIfEmpty()
                   select new { e, Email = u == null ? null : u.Email, Normalized = u == null ? null : u.NormalizedEmail };
        if (!string.IsNullOrWhiteSpace(userEmail))
        {
            var normalized = userEmail.Trim().ToUpperInvariant();
            rows = rows.Where(r => r.Normalized == normalized);
        }

        return rows.OrderByDescending(r => r.e.Id)
            .Select(r => new AuditEntryDto(r.e.Id, r.e.At, r.Email, r.e.EntityType, r.e.EntityId, r.e.SubjectId, r.e.Action, r.e.Before, r.e.After));
    }
}

internal sealed class ListAuditEntriesHandler(AppDbContext db) : IRequestHandler<ListAuditEntries, Page<AuditEntryDto>>
{
    public async Task<Page<AuditEntryDto>> Handle(ListAuditEntries request, CancellationToken cancellationToken)
    {
        var query = AuditQuery.Build(db, request.SubjectId, request.EntityType, request.UserEmail, request.From, request.To);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).ToListAsync(cancellationToken);
        return new Page<AuditEntryDto>(items, total, request.Page, request.PageSize);
    }
}

internal sealed class ExportAuditEntriesHandler(AppDbContext db) : IRequestHandler<ExportAuditEntries, string>
{
    public async Task<string> Handle(ExportAuditEntries request, CancellationToken cancellationToken)
    {
        var rows = await AuditQuery.Build(db, request.SubjectId, request.EntityType, request.UserEmail, request.From, request.To)
            .Take(100_000).ToListAsync(cancellationToken);
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions { Injection = CsvInjection.Escape, NewLine = "\r\n" }, leaveOpen: true))
        {
            csv.WriteRecord(["id", "at_utc", "user", "entity_type", "entity_id", "subject_id", "action", "before", "after"]);
            foreach (var r in rows)
            {
                csv.WriteRecord([r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.At.ToString("O"), r.User ?? "system",
                    r.EntityType, r.EntityId, r.SubjectId.ToString(), r.Action, r.Before ?? "", r.After ?? ""]);
            }

            csv.Flush();
        }

        return text.ToString();
    }
}
