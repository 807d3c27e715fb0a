using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Labels;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Suggestions;

/// <summary>
/// "Not interested" in a suggested firm, or a named exclusion (e.g. a competitor): either way the pair
/// is not suggested again until the firm takes it back (<see cref="RemoveExclusion"/>), and a pair still only Suggested leaves the curation queue. "Not interested" may say why
/// (a fixed reason and a short note); it is kept as a label for the match evaluation (decision 015).
/// </summary>
[Authorize]
public sealed record ExcludeCompany(Guid CompanyId, Guid ExcludedCompanyId, ExclusionKind Kind, NotInterestedReason? Reason = null, string? Note = null)
    : ICommand<Unit>, IEditsCompany;

internal sealed class ExcludeCompanyValidator : AbstractValidator<ExcludeCompany>
{
    public const string UnknownReason = "Choose one of the reasons: NotOurField, WrongSize, AlreadyWorkingWithThem, Compliance or Other.";

    public ExcludeCompanyValidator()
    {
        RuleFor(e => e.Reason).IsInEnum().WithMessage(UnknownReason);
        RuleFor(e => e.Note).MaximumLength(MatchLabel.NotInterestedNoteMaxLength)
            .WithRefusal("Keep the note to {0} characters.", _ => MatchLabel.NotInterestedNoteMaxLength);
        RuleFor(e => e.Reason).Null().When(e => e.Kind != ExclusionKind.NotInterested)
            .WithMessage("A reason is given only with \"not interested\".");
        RuleFor(e => e.Note).Empty().When(e => e.Kind != ExclusionKind.NotInterested)
            .WithMessage("A note is given only with \"not interested\".");
    }
}

internal sealed class ExcludeCompanyHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<ExcludeCompany, Unit>
{
    public async Task<Unit> Handle(ExcludeCompany request, CancellationToken cancellationToken)
    {
        if (request.CompanyId == request.ExcludedCompanyId)
        {
            throw InputException.For("excludedCompanyId", "A firm cannot exclude itself.");
        }

        // Only a firm the representative can see: an unverified firm's name must not come back through the list of exclusions.
        if (!await db.Companies.AnyAsync(c => c.Id == request.ExcludedCompanyId && c.VerifiedAt != null, cancellationToken))
        {
            throw InputException.For("excludedCompanyId", "There is no such firm.");
        }

        await RecordLocks.LockAsync(db, cancellationToken, "exclusion", request.CompanyId, request.ExcludedCompanyId);
        if (await db.CompanyExclusions.AnyAsync(e => e.CompanyId == request.CompanyId && e.ExcludedCompanyId == request.ExcludedCompanyId, cancellationToken))
        {
            return Unit.Value;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (request.Kind == ExclusionKind.NotInterested)
        {
            var context = await LabelContexts.OfFirmAsync(db, request.CompanyId, request.ExcludedCompanyId, user.UserId, now, cancellationToken);
            var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note;
            db.MatchLabels.Add(MatchLabel.NotInterested(
                request.CompanyId, request.ExcludedCompanyId, request.Reason ?? (note is null ? null : NotInterestedReason.Other), note, context));
        }

        db.CompanyExclusions.Add(new CompanyExclusion
        {
            CompanyId = request.CompanyId, ExcludedCompanyId = request.ExcludedCompanyId, Kind = request.Kind,
            CreatedAt = now, UserId = user.UserId,
        });
        var pair = new[] { request.CompanyId, request.ExcludedCompanyId };
        db.Suggestions.RemoveRange(await db.Suggestions
            .Where(s => pair.Contains(s.CompanyId) && pair.Contains(s.CounterpartId)).ToListAsync(cancellationToken));
        db.Matches.RemoveRange(await db.Matches
            .Where(m => m.Status == MatchStatus.Suggested && pair.Contains(m.CanadianCompanyId) && pair.Contains(m.KoreanCompanyId))
            .ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
