using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Suggestions;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Forums;

public sealed record DelegateInput(string Name, IReadOnlyList<string> Languages, bool Remote = false);

public sealed record DelegateDto(string Name, IReadOnlyList<string> Languages, bool Remote);

public sealed record RegistrationDto(
    Guid Id, Guid ForumId, Guid CompanyId, string CompanyName, string Country, string TimeZone,
    IReadOnlyList<DelegateDto> Delegates, IReadOnlyList<string> Unavailable, DateTime RegisteredAt, Guid Version);

/// <summary>
/// A representative registers their firm for a forum (or changes its registration): delegates, the firm's time zone and the
/// slots it cannot meet in ("day-slot", e.g. "1-3").
/// </summary>
[Authorize]
public sealed record RegisterForForum(Guid ForumId, Guid CompanyId, IReadOnlyList<DelegateInput> Delegates, IReadOnlyList<string>? Unavailable = null, string? TimeZone = null)
    : ICommand<RegistrationDto>, IEditsCompany, IViewsForum;

internal sealed class RegisterForForumValidator : AbstractValidator<RegisterForForum>
{
    public static readonly IReadOnlyList<string> Languages = ["en", "fr", "ko"];

    public RegisterForForumValidator()
    {
        RuleFor(r => r.Delegates).NotEmpty().WithMessage("Name at least one delegate.")
            .Must(d => d.Count <= 10).WithMessage("A firm sends at most 10 delegates.");
        RuleForEach(r => r.Delegates).ChildRules(d =>
        {
            d.RuleFor(x => x.Name).NotEmpty().MaximumLength(100);
            d.RuleFor(x => x.Languages).NotEmpty().WithMessage("Give the languages the delegate speaks.");
            d.RuleForEach(x => x.Languages).Must(l => Languages.Contains(l)).WithRefusal("\"{0}\" is not one of en, fr, ko.", (_, l) => l);
        });
        RuleFor(r => r.TimeZone).Must(tz => ForumInputValidator.Zone(tz) is not null)
            .WithRefusal("\"{0}\" is not a time zone: use an IANA name such as America/Vancouver or Asia/Seoul.", r => r.TimeZone)
            .When(r => !string.IsNullOrEmpty(r.TimeZone));
    }
}

internal sealed class RegisterForForumHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<RegisterForForum, RegistrationDto>
{
    public async Task<RegistrationDto> Handle(RegisterForForum request, CancellationToken cancellationToken)
    {
        var forum = await ForumLoader.LoadAsync(db, request.ForumId, tracking: false, cancellationToken);
        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == request.CompanyId, cancellationToken);
        await RecordLocks.LockAsync(db, cancellationToken, "registration", forum.Id, company.Id);
        var registration = await db.ForumRegistrations.Include(r => r.Delegates)
            .SingleOrDefaultAsync(r => r.ForumId == forum.Id && r.CompanyId == company.Id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, forum.Zone()));
        if (registration is null)
        {
            if (forum.Status != ForumStatus.Open || today < forum.RegistrationOpens || today > forum.RegistrationCloses)
            {
                throw new ConflictException("Registration for this forum is open from {0:yyyy-MM-dd} to {1:yyyy-MM-dd} while the forum is open.", forum.RegistrationOpens, forum.RegistrationCloses);
            }

            if (!company.IsVerified)
            {
                throw new ConflictException("A trade official must verify the firm before it can register for a forum.");
            }

            registration = new ForumRegistration { Id = Guid.NewGuid(), ForumId = forum.Id, CompanyId = company.Id, RegisteredAt = now, RegisteredByUserId = user.RequireUserId() };
            db.ForumRegistrations.Add(registration);
        }
        else if (forum.Status is not (ForumStatus.Open or ForumStatus.Scheduling))
        {
            throw new ConflictException("The registration can no longer change: the timetable is published. Ask the organisers.");
        }

        var grid = forum.Grid();
        var unavailable = (request.Unavailable ?? []).Select(k => k.Trim()).Distinct().ToList();
        var outside = unavailable.Where(k => !grid.All.Any(s => s.Key == k)).ToList();
        if (outside.Count > 0)
        {
            throw InputException.For("unavailable", "These slots are not in the forum's grid: {0}.", string.Join(", ", outside));
        }

        registration.TimeZone = string.IsNullOrWhiteSpace(request.TimeZone)
            ? registration.TimeZone is { Length: > 0 } kept ? kept : DefaultZone(company.Country)
            : request.TimeZone;
        registration.Unavailable = unavailable.OrderBy(k => k, StringComparer.Ordinal).ToList();
        registration.Delegates.Clear();
        registration.Delegates.AddRange(request.Delegates.Select(d => new ForumAttendee { Name = d.Name.Trim(), Languages = d.Languages.Distinct().ToList(), Remote = d.Remote }));
        await db.SaveChangesAsync(cancellationToken);
        return RegistrationDtos.From(registration, company);
    }

    public static string DefaultZone(string country) => country == Countries.Korea ? "Asia/Seoul" : "America/Toronto";
}

internal static class RegistrationDtos
{
    public static RegistrationDto From(ForumRegistration r, Company c) => new(
        r.Id, r.ForumId, r.CompanyId, c.Name, c.Country, r.TimeZone,
        r.Delegates.Select(d => new DelegateDto(d.Name, d.Languages, d.Remote)).ToList(), r.Unavailable,
        DateTime.SpecifyKind(r.RegisteredAt, DateTimeKind.Utc), r.Version);
}

/// <summary>A firm's registration for a forum, or null when it has not registered.</summary>
[Authorize]
public sealed record GetRegistration(Guid ForumId, Guid CompanyId) : IQuery<RegistrationDto?>, IReadsForumFirm;

internal sealed class GetRegistrationHandler(AppDbContext db) : IRequestHandler<GetRegistration, RegistrationDto?>
{
    public async Task<RegistrationDto?> Handle(GetRegistration request, CancellationToken cancellationToken)
    {
        var registration = await db.ForumRegistrations.AsNoTracking().Include(r => r.Delegates)
            .SingleOrDefaultAsync(r => r.ForumId == request.ForumId && r.CompanyId == request.CompanyId, cancellationToken);
        return registration is null ? null : RegistrationDtos.From(registration, await db.Companies.AsNoTracking().SingleAsync(c => c.Id == request.CompanyId, cancellationToken));
    }
}

public sealed record ForumFirmDto(
    Guid CompanyId, string Name, string Country, string Region, double Score, IReadOnlyList<ReasonDto> Reasons,
    IReadOnlyList<string> Languages, bool Remote, Guid? RequestId, string? RequestStatus, bool RequestedByThem, bool ApprovedMatch);

/// <summary>The registered firms of the other country, best match first, with the reasons, and where the firm stands with each.</summary>
[Authorize]
public sealed record ListForumFirms(Guid ForumId, Guid CompanyId) : IQuery<IReadOnlyList<ForumFirmDto>>, IReadsCompanyPrivate, IViewsForum;

internal sealed class ListForumFirmsHandler(AppDbContext db) : IRequestHandler<ListForumFirms, IReadOnlyList<ForumFirmDto>>
{
    public async Task<IReadOnlyList<ForumFirmDto>> Handle(ListForumFirms request, CancellationToken cancellationToken)
    {
        var own = await db.Companies.AsNoTracking().Where(c => c.Id == request.CompanyId).Select(c => c.Country).SingleAsync(cancellationToken);
        var registrations = await db.ForumRegistrations.AsNoTracking().Include(r => r.Delegates).Where(r => r.ForumId == request.ForumId)
            .ToDictionaryAsync(r => r.CompanyId, cancellationToken);
        var registered = registrations.Keys.ToList();
        var firms = (await db.Companies.AsNoTracking().Where(c => registered.Contains(c.Id) && c.Country != own && c.VerifiedAt != null)
                .Select(c => new { c.Id, c.Name, c.Country, c.Region }).ToListAsync(cancellationToken))
            .Select(c => new
            {
                c.Id, c.Name, c.Country, c.Region,
                Languages = registrations[c.Id].Languages().ToList(), Remote = registrations[c.Id].Delegates.All(d => d.Remote),
            })
            .ToList();
        var ids = firms.Select(f => f.Id).ToList();
        var suggestions = await db.Suggestions.AsNoTracking().Where(s => s.CompanyId == request.CompanyId && ids.Contains(s.CounterpartId))
            .ToDictionaryAsync(s => s.CounterpartId, cancellationToken);
        var requests = await db.MeetingRequests.AsNoTracking()
            .Where(r => r.ForumId == request.ForumId && (r.FromCompanyId == request.CompanyId || r.ToCompanyId == request.CompanyId))
            .ToListAsync(cancellationToken);
        var approved = await ApprovedMatches.PairsAsync(db, [request.CompanyId], cancellationToken);
        return firms.Select(f =>
            {
                suggestions.TryGetValue(f.Id, out var s);
                var r = requests.FirstOrDefault(x => x.Involves(f.Id));
                return new ForumFirmDto(f.Id, f.Name, f.Country, f.Region, s?.Score ?? 0, s is null ? [] : ReasonDto.Parse(s.ReasonsJson),
                    f.Languages.Distinct().Order().ToList(), f.Remote, r?.Id, r?.Status.ToString(), r is not null && r.ToCompanyId == request.CompanyId,
                    approved.Contains(ApprovedMatches.Key(request.CompanyId, f.Id)));
            })
            .OrderByDescending(f => f.Score).ThenBy(f => f.Name, StringComparer.Ordinal).ToList();
    }
}

/// <summary>Pairs officials have approved (or taken further): their meetings weigh more.</summary>
internal static class ApprovedMatches
{
    private static readonly MatchStatus[] Approved = [MatchStatus.Approved, MatchStatus.Introduced, MatchStatus.Meeting, MatchStatus.Outcome];

    public static (Guid, Guid) Key(Guid a, Guid b) => a.CompareTo(b) < 0 ? (a, b) : (b, a);

    public static async Task<HashSet<(Guid, Guid)>> PairsAsync(AppDbContext db, IReadOnlyCollection<Guid> companies, CancellationToken cancellationToken)
    {
        var pairs = await db.Matches.AsNoTracking()
            .Where(m => Approved.Contains(m.Status) && (companies.Contains(m.CanadianCompanyId) || companies.Contains(m.KoreanCompanyId)))
            .Select(m => new { m.CanadianCompanyId, m.KoreanCompanyId }).ToListAsync(cancellationToken);
        return pairs.Select(p => Key(p.CanadianCompanyId, p.KoreanCompanyId)).ToHashSet();
    }
}

/// <summary>A registered firm; <see cref="Verified"/> is false when its verification was withdrawn after it registered.</summary>
public sealed record RegisteredFirmDto(Guid CompanyId, string Name, string Country, IReadOnlyList<string> Languages, int Delegates, int Unavailable, bool Verified);

/// <summary>The forum's registered firms, for its organisers and the trade officials.</summary>
[Authorize]
public sealed record ListRegistrations(Guid ForumId) : IQuery<IReadOnlyList<RegisteredFirmDto>>, IViewsForum;

internal sealed class ListRegistrationsHandler(AppDbContext db, ICurrentUser user, ForumAccess access) : IRequestHandler<ListRegistrations, IReadOnlyList<RegisteredFirmDto>>
{
    public async Task<IReadOnlyList<RegisteredFirmDto>> Handle(ListRegistrations request, CancellationToken cancellationToken)
    {
        if (!user.IsOfficialOrAdministrator() && !await access.OrganisesAsync(request.ForumId, cancellationToken))
        {
            throw new ForbiddenException("Only the forum's organisers and trade officials see every registration.");
        }

        var registrations = await db.ForumRegistrations.AsNoTracking().Include(r => r.Delegates).Where(r => r.ForumId == request.ForumId).ToListAsync(cancellationToken);
        var ids = registrations.Select(r => r.CompanyId).ToList();
        var firms = await db.Companies.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        return registrations.Select(r => new RegisteredFirmDto(r.CompanyId, firms[r.CompanyId].Name, firms[r.CompanyId].Country, r.Languages().Order().ToList(), r.Delegates.Count, r.Unavailable.Count, firms[r.CompanyId].IsVerified))
            .OrderBy(f => f.Country).ThenBy(f => f.Name, StringComparer.Ordinal).ToList();
    }
}
