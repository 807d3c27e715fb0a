using CanadaKoreaMatch.Web.Common.Email;
using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.FollowUps;
using CanadaKoreaMatch.Web.Features.Suggestions;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Matches;

/// <summary>
/// A trade official moves a match along the workflow: review, approve, reject (with a reason), introduce
/// (emails both firms' representatives with the reasons, and plans asking them 14 days later whether they have met), record a meeting or an outcome.
/// Approving, rejecting, introducing, a meeting and an outcome are kept as labels for the match evaluation (decision 015).
/// <see cref="Version"/>, when given, must be the version the official loaded: of two officials acting at once, one gets 409.
/// </summary>
[Authorize(Roles.TradeOfficial, Roles.Administrator)]
public sealed record ChangeMatchStatus(Guid MatchId, MatchStatus To, Guid? Version = null, string? Reason = null, MatchOutcome? Outcome = null)
    : ICommand<MatchDto>;

internal sealed class ChangeMatchStatusValidator : AbstractValidator<ChangeMatchStatus>
{
    public ChangeMatchStatusValidator()
    {
        RuleFor(c => c.To).Must(to => to is not (MatchStatus.Suggested or MatchStatus.Requested))
            .WithMessage("Officials cannot move a match back to Suggested or Requested.");
        RuleFor(c => c.Reason).NotEmpty().When(c => c.To == MatchStatus.Rejected)
            .WithMessage("Give the reason for rejecting, for the record and for the firms.");
        RuleFor(c => c.Reason).MaximumLength(Match.TextMaxLength);
        RuleFor(c => c.Outcome).NotNull().IsInEnum().When(c => c.To == MatchStatus.Outcome)
            .WithMessage("Choose the outcome: MouSigned, JointBid, Contract or NoFurtherAction.");
        RuleFor(c => c.Outcome).Null().When(c => c.To != MatchStatus.Outcome)
            .WithMessage("An outcome is recorded only when the status becomes Outcome.");
    }
}

internal sealed class ChangeMatchStatusHandler(AppDbContext db, ICurrentUser user, IEmailOutbox outbox, PublicUrls urls, ReasonText reasonText, TimeProvider clock)
    : IRequestHandler<ChangeMatchStatus, MatchDto>
{
    /// <summary>When the firms are asked whether they have met, if no meeting is recorded by then.</summary>
    public static readonly TimeSpan IntroductionFollowUpAfter = TimeSpan.FromDays(14);

    /// <summary>The introduction gives each firm the other's name and representatives: no firm learns them of a firm no official vouches for now.</summary>
    public static readonly Refusal CannotIntroduceUnverified =
        new Refusal("Both firms must be verified to be introduced: one of them is not, or its verification was withdrawn.");

    /// <summary>A firm that set the other aside ("not interested" or a named exclusion) is not introduced to it; the asking firm is not told why.</summary>
    public static readonly Refusal SetAside =
        new Refusal("One of the two firms set the other aside and does not want to be introduced to it: reject the request. The firm that asked is not told why.");

    public async Task<MatchDto> Handle(ChangeMatchStatus request, CancellationToken cancellationToken)
    {
        var match = await db.Matches.Include(m => m.History).SingleOrDefaultAsync(m => m.Id == request.MatchId, cancellationToken)
            ?? throw new NotFoundException("The match");
        if (request.Version is { } version && version != match.Version)
        {
            throw new ConflictException("Another official changed this match since you loaded it. Reload it to see what changed.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        match.MoveTo(request.To, user.UserId, now);
        if (request.To is MatchStatus.Approved or MatchStatus.Introduced && await db.CompanyExclusions.AnyAsync(
                e => (e.CompanyId == match.CanadianCompanyId && e.ExcludedCompanyId == match.KoreanCompanyId)
                    || (e.CompanyId == match.KoreanCompanyId && e.ExcludedCompanyId == match.CanadianCompanyId),
                cancellationToken))
        {
            throw new ConflictException(SetAside);
        }

        switch (request.To)
        {
            case MatchStatus.Introduced:
                if (await db.Companies.CountAsync(c => (c.Id == match.CanadianCompanyId || c.Id == match.KoreanCompanyId) && c.VerifiedAt != null, cancellationToken) < 2)
                {
                    throw new ConflictException(CannotIntroduceUnverified);
                }

                var representatives = await Representatives.OfAsync(db, [match.CanadianCompanyId, match.KoreanCompanyId], cancellationToken);
                await FollowUpPlanner.PlanAsync(db, FollowUpKind.IntroductionFollowUp, match.Id, null, representatives, now.Add(IntroductionFollowUpAfter), now, cancellationToken);
                break;
            case MatchStatus.Rejected:
                match.RejectionReason = request.Reason!.Trim();
                if (match.RequestedByCompanyId is { } asker)
                {
                    await FollowUpPlanner.NoticeAsync(db, FollowUpKind.IntroductionRejected, match.Id, asker, now, cancellationToken);
                }

                break;
            case MatchStatus.Outcome:
                match.Outcome = request.Outcome;
                match.OutcomeNote = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
                break;
        }

        if (MatchLabel.OfficialDecision(match, request.To, new LabelContext(user.UserId, now, match.Score)) is { } label)
        {
            db.MatchLabels.Add(label);
        }

        await db.SaveChangesAsync(cancellationToken);
        var dto = await MatchLoader.LoadAsync(db, match.Id, forOfficials: true, cancellationToken);
        if (request.To == MatchStatus.Introduced)
        {
            await IntroduceAsync(dto, request.Reason, cancellationToken);
        }

        return dto;
    }

    private async Task IntroduceAsync(MatchDto match, string? note, CancellationToken ct)
    {
        var firmIds = new[] { match.Canadian.Id, match.Korean.Id };
        var reps = await db.CompanyMembers.InRole(db).Where(m => firmIds.Contains(m.CompanyId))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.CompanyId, u.Email, u.DisplayName, u.Language })
            .ToListAsync(ct);
        foreach (var rep in reps.Where(r => r.Email is not null))
        {
            var (own, other) = rep.CompanyId == match.Canadian.Id ? (match.Canadian, match.Korean) : (match.Korean, match.Canadian);
            await outbox.EnqueueAsync(new Email(rep.Email!, rep.Language, "introduction", new Dictionary<string, object?>
            {
                ["name"] = rep.DisplayName,
                ["own"] = own.Name,
                ["other"] = other.Name,
                ["other_country"] = other.Country == Countries.Canada ? "Canada" : "Korea",
                ["score"] = match.ScoreFor(own.Id)?.ToString("0", System.Globalization.CultureInfo.InvariantCulture),
                ["reasons"] = match.AsSeenBy(own.Id).Reasons.Select(r => reasonText.Plain(r, rep.Language)).ToList(),
                ["note"] = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
                ["contacts"] = reps.Where(r => r.CompanyId == other.Id).Select(r => $"{r.DisplayName} <{r.Email}>").ToList(),
                ["link"] = urls.Page("/Matches/Details", new { id = match.Id }),
            }), ct);
        }
    }
}
