using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Suggestions;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Matches;

/// <summary>
/// A match. <see cref="Score"/> is the pair score of the curation queue, the mean of both firms' readings (decision 202), and for a
/// firm's representative that firm's own reading, null when its list does not hold the pair; <see cref="CanadianScore"/> and <see cref="KoreanScore"/>
/// are each firm's own reading, the score on its suggestions list, null when its current list does not hold the pair (and, for a
/// firm's representative, for the other firm). <see cref="SetAsideBy"/>, for officials only, names the firms that set the other aside:
/// such a pair is not approved or introduced, so those steps are left out of <see cref="NextStatuses"/>.
/// </summary>
public sealed record MatchDto(
    Guid Id, FirmRef Canadian, FirmRef Korean, string Status, double? Score, string Domain, IReadOnlyList<ReasonDto> Reasons, Guid ReasonsFor,
    Guid? RequestedByCompanyId, string? RequestMessage, string? RejectionReason, string? Outcome, string? OutcomeNote,
    DateTime CreatedAt, DateTime StatusChangedAt, Guid Version, IReadOnlyList<string> NextStatuses,
    IReadOnlyList<NoteDto> Notes, IReadOnlyList<StatusChangeDto> History, double? CanadianScore = null, double? KoreanScore = null,
    IReadOnlyList<FirmRef>? SetAsideBy = null)
{
    /// <summary>
    /// The match as <paramref name="companyId"/>, one of the two firms, reads it: the reasons written for it, and its own reading
    /// of the pair only, since the other firm's suggestions are the other firm's own: the pair score is not shown either, since it
    /// may rest on the other firm's reading alone (a firm requesting an introduction from "firms looking for what you offer"), and
    /// beside the firm's own reading the mean gives the other away.
    /// </summary>
    public MatchDto AsSeenBy(Guid companyId)
    {
        if (companyId != Canadian.Id && companyId != Korean.Id)
        {
            return this;
        }

        var readings = companyId == Canadian.Id
            ? this with { KoreanScore = null, Score = CanadianScore }
            : this with { CanadianScore = null, Score = KoreanScore };
        return companyId == ReasonsFor ? readings : readings with { Reasons = ReasonDto.AsSeenByOther(Reasons), ReasonsFor = companyId };
    }

    /// <summary>The firm's own reading of the pair, null when its list does not hold it.</summary>
    public double? ScoreFor(Guid companyId) => companyId == Canadian.Id ? CanadianScore : companyId == Korean.Id ? KoreanScore : null;
}

public sealed record FirmRef(Guid Id, string Name, string Country);

public sealed record NoteDto(string Author, string Text, DateTime At);

public sealed record StatusChangeDto(string? From, string To, DateTime At, string? By);

internal static class MatchLoader
{
    /// <summary>
    /// The match; read by a representative of <paramref name="reader"/>, one of its two firms, the history names the other firm's
    /// people by their firm: who represents it is told only by the introduction (<see cref="GetMatchContacts"/>). The officials' notes,
    /// and which firm set the other aside, are loaded <paramref name="forOfficials"/> only: a firm is never told that the other set it aside.
    /// </summary>
    public static async Task<MatchDto> LoadAsync(AppDbContext db, Guid matchId, bool forOfficials, CancellationToken ct, Guid? reader = null)
    {
        var m = await db.Matches.AsNoTracking().Include(x => x.Notes).Include(x => x.History)
            .SingleOrDefaultAsync(x => x.Id == matchId, ct) ?? throw new Common.Errors.NotFoundException("The match");
        var firms = await db.Companies.Where(c => c.Id == m.CanadianCompanyId || c.Id == m.KoreanCompanyId)
            .Select(c => new FirmRef(c.Id, c.Name, c.Country)).ToDictionaryAsync(c => c.Id, ct);
        var userIds = m.Notes.Select(n => n.UserId).Concat(m.History.Select(h => h.UserId)).OfType<string>().Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        if (reader is { } own && (own == m.CanadianCompanyId || own == m.KoreanCompanyId))
        {
            var other = own == m.CanadianCompanyId ? m.KoreanCompanyId : m.CanadianCompanyId;
            var theirs = await db.CompanyMembers
                .Where(x => x.CompanyId == other && userIds.Contains(x.UserId) && !db.CompanyMembers.Any(o => o.CompanyId == own && o.UserId == x.UserId))
                .Select(x => x.UserId).ToListAsync(ct);
            foreach (var id in theirs)
            {
                names[id] = firms[other].Name;
            }
        }

        var setAsideBy = forOfficials
            ? await db.CompanyExclusions
                .Where(e => (e.CompanyId == m.CanadianCompanyId && e.ExcludedCompanyId == m.KoreanCompanyId) || (e.CompanyId == m.KoreanCompanyId && e.ExcludedCompanyId == m.CanadianCompanyId))
                .Select(e => e.CompanyId).Distinct().ToListAsync(ct)
            : [];
        var next = MatchWorkflow.Next(m.Status).Where(s => setAsideBy.Count == 0 || s is not (MatchStatus.Approved or MatchStatus.Introduced));
        var readings = await db.Suggestions
            .Where(s => (s.CompanyId == m.CanadianCompanyId && s.CounterpartId == m.KoreanCompanyId) || (s.CompanyId == m.KoreanCompanyId && s.CounterpartId == m.CanadianCompanyId))
            .ToDictionaryAsync(s => s.CompanyId, s => s.Score, ct);
        return new MatchDto(
            m.Id, firms[m.CanadianCompanyId], firms[m.KoreanCompanyId], m.Status.ToString(), m.Score, m.Domain, ReasonDto.Parse(m.ReasonsJson), m.CanadianCompanyId,
            m.RequestedByCompanyId, m.RequestMessage, m.RejectionReason, m.Outcome?.ToString(), m.OutcomeNote,
            m.CreatedAt, m.StatusChangedAt, m.Version, next.Select(s => s.ToString()).ToList(),
            forOfficials ? m.Notes.OrderBy(n => n.CreatedAt).Select(n => new NoteDto(names.GetValueOrDefault(n.UserId, "?"), n.Text, n.CreatedAt)).ToList() : [],
            m.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new StatusChangeDto(h.From?.ToString(), h.To.ToString(), h.At, h.UserId is null ? null : names.GetValueOrDefault(h.UserId))).ToList(),
            readings.TryGetValue(m.CanadianCompanyId, out var canadian) ? canadian : null, readings.TryGetValue(m.KoreanCompanyId, out var korean) ? korean : null,
            forOfficials ? setAsideBy.Order().Select(id => firms[id]).ToList() : null);
    }

    public static void MoveTo(this Match match, MatchStatus to, string? userId, DateTime now)
    {
        if (!MatchWorkflow.CanMove(match.Status, to))
        {
            throw new Common.Errors.ConflictException($"A match that is {match.Status} cannot become {to}.");
        }

        match.History.Add(new MatchStatusChange { MatchId = match.Id, From = match.Status, To = to, At = now, UserId = userId });
        match.Status = to;
        match.StatusChangedAt = now;
        match.UpdatedAt = now;
    }

    /// <summary>
    /// A meeting the firms say took place (at a forum) moves their match to Meeting from any earlier stage short of a
    /// rejection: meeting at a forum is itself the introduction. False when the match is rejected or already further on.
    /// </summary>
    public static bool RecordMeeting(this Match match, string? userId, DateTime now)
    {
        if (match.Status is MatchStatus.Rejected or MatchStatus.Meeting or MatchStatus.Outcome)
        {
            return false;
        }

        match.History.Add(new MatchStatusChange { MatchId = match.Id, From = match.Status, To = MatchStatus.Meeting, At = now, UserId = userId });
        match.Status = MatchStatus.Meeting;
        match.StatusChangedAt = now;
        match.UpdatedAt = now;
        return true;
    }
}
