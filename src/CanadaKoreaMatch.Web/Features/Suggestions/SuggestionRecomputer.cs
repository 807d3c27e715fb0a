using CanadaKoreaMatch.Matching;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Matches;
using Microsoft.EntityFrameworkCore;
using MatchEntity = CanadaKoreaMatch.Web.Domain.Match;

namespace CanadaKoreaMatch.Web.Features.Suggestions;

/// <summary>
/// Keeps an in-memory matching engine in step with the database and stores each affected firm's top list.
/// Runs in the background (Jobs/SuggestionRefreshJob.cs), never in a request: it drains the
/// SuggestionRefresh rows written in the same transaction as each profile change.
/// The engine keeps every firm's list (<see cref="MatchingEngine.ComputeAll"/>), so an edit re-stores only the lists it
/// changed; its statistics (code specificity, text weights) are taken afresh when the pool has grown or shrunk by
/// <c>Matching:StatisticsGrowth</c> (a share, 0.1) or every <c>Matching:StatisticsHours</c> (24), and then only the
/// lists that changed are stored again. Both triggers are computed from the database and the clock, so every instance
/// takes its snapshot at the same points.
/// </summary>
public sealed class SuggestionRecomputer(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<SuggestionRecomputer> logger) : IDisposable
{
    public const int StoredTop = 20;

    /// <summary>How deep the engine keeps each list: unverified firms are left out when storing, so more than is shown.</summary>
    public const int KeptTop = 2 * StoredTop;

    /// <summary>Pairs in either firm's top few are put in the officials' curation queue as Suggested.</summary>
    public const int CurationTop = 5;

    private readonly SemaphoreSlim gate = new(1, 1);
    private MatchingEngine? engine;
    private HashSet<Guid> verified = [];

    /// <summary>The "not interested" pairs the engine blocks, each once whichever firm said it, so that one taken back is unblocked.</summary>
    private HashSet<(Guid, Guid)> blockedPairs = [];

    /// <summary>What the engine holds of each firm. Another instance may have handled a firm's refresh request, so
    /// changes are found by comparing with the database, never only from the requests this instance saw.</summary>
    private Dictionary<Guid, ProfileStamp> stamps = [];

    /// <summary>The point of the pool and the calendar at which the engine's statistics were taken.</summary>
    private StatisticsEpoch statistics;

    private readonly record struct StatisticsEpoch(long Period, int PoolStep);

    private readonly record struct ProfileStamp(Guid Version, bool Verified, int Exclusions);

    public void Dispose() => gate.Dispose();

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var pending = await db.SuggestionRefreshes.AsNoTracking().ToListAsync(cancellationToken);
            var affected = await SyncEngineAsync(db, pending.Select(p => p.CompanyId).Distinct(), cancellationToken);
            if (affected.Count > 0)
            {
                await StoreAsync(db, affected, cancellationToken);
                logger.LogInformation("Recomputed suggestions of {Count} firms", affected.Count);
            }

            foreach (var chunk in pending.Select(p => p.Id).Chunk(500))
            {
                await db.SuggestionRefreshes.Where(r => chunk.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
            }

            return affected.Count;
        }
        catch
        {
            // A run cut short (cancelled, lease lost, database error) leaves the engine unsure: rebuild it next time.
            engine = null;
            throw;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<HashSet<Guid>> SyncEngineAsync(AppDbContext db, IEnumerable<Guid> pending, CancellationToken cancellationToken)
    {
        var blocks = await db.CompanyExclusions.AsNoTracking().Select(e => new { e.CompanyId, e.ExcludedCompanyId, e.Kind }).ToListAsync(cancellationToken);
        var notInterested = blocks.Where(b => b.Kind == ExclusionKind.NotInterested).Select(b => (b.CompanyId, b.ExcludedCompanyId)).ToList();
        var exclusions = blocks.Where(b => b.Kind == ExclusionKind.Excluded).Select(b => (b.CompanyId, b.ExcludedCompanyId)).ToList();
        var excludedBy = exclusions.ToLookup(e => e.CompanyId, e => e.ExcludedCompanyId);
        var current = (await db.Companies.AsNoTracking().Select(c => new { c.Id, c.Version, Verified = c.VerifiedAt != null }).ToListAsync(cancellationToken))
            .ToDictionary(c => c.Id, c => new ProfileStamp(c.Version, c.Verified, ExclusionsHash(excludedBy[c.Id])));
        var verifiedNow = current.Where(c => c.Value.Verified).Select(c => c.Key).ToHashSet();
        var epoch = EpochOf(current.Count);
        if (engine is null)
        {
            var all = await LoadProfilesAsync(db, db.Companies, exclusions, cancellationToken);
            engine = new MatchingEngine(all, notInterested);
            engine.ComputeAll(KeptTop);
            (verified, stamps, statistics, blockedPairs) = (verifiedNow, current, epoch, notInterested.Select(p => Pair(p.CompanyId, p.ExcludedCompanyId)).ToHashSet());
            return all.Select(p => p.Id).ToHashSet();
        }

        var affected = new HashSet<Guid>();
        var blockedNow = notInterested.Select(p => Pair(p.CompanyId, p.ExcludedCompanyId)).ToHashSet();
        foreach (var (a, b) in blockedPairs.Except(blockedNow))
        {
            affected.UnionWith(engine.Unblock(a, b));
        }

        foreach (var (a, b) in blockedNow)
        {
            affected.UnionWith(engine.Block(a, b));
        }

        blockedPairs = blockedNow;

        var ids = pending.ToHashSet();
        ids.UnionWith(current.Where(c => !stamps.TryGetValue(c.Key, out var seen) || seen != c.Value).Select(c => c.Key));
        ids.UnionWith(stamps.Keys.Where(id => !current.ContainsKey(id)));
        affected.UnionWith(ids);
        if (ids.Count == 0)
        {
            RefreshStatisticsWhenDue(epoch, affected);
            return affected;
        }

        var profiles = await LoadProfilesAsync(db, db.Companies.Where(c => ids.Contains(c.Id)), exclusions, cancellationToken);
        foreach (var removed in ids.Except(profiles.Select(p => p.Id)))
        {
            affected.UnionWith(engine.Remove(removed));
        }

        foreach (var profile in profiles)
        {
            // Verification is invisible to the engine but decides who may list the firm: out and back in,
            // so the firms that listed it and the firms that may list it now are all recomputed.
            if (verifiedNow.Contains(profile.Id) != verified.Contains(profile.Id) && engine.Contains(profile.Id))
            {
                affected.UnionWith(engine.Remove(profile.Id));
            }

            affected.UnionWith(engine.Upsert(profile));
        }

        (verified, stamps) = (verifiedNow, current);
        RefreshStatisticsWhenDue(epoch, affected);
        return affected;
    }

    /// <summary>Takes new statistics at a new epoch and names the firms whose kept lists changed with them.</summary>
    private void RefreshStatisticsWhenDue(StatisticsEpoch epoch, HashSet<Guid> affected)
    {
        if (epoch == statistics)
        {
            return;
        }

        var ids = stamps.Keys.Where(engine!.Contains).ToList();
        var before = engine.TopFor(ids, KeptTop);
        engine.RefreshStatistics();
        var after = engine.ComputeAll(KeptTop);
        var changed = ids.Where(id => !SameList(before[id], after[id])).ToList();
        affected.UnionWith(changed);
        statistics = epoch;
        logger.LogInformation("Took new matching statistics over {Pool} firms: {Changed} lists changed", ids.Count, changed.Count);
    }

    /// <summary>Same counterparts, scores and reasons as stored (new statistics may move a reason's share without the score).</summary>
    private static bool SameList(IReadOnlyList<Suggestion> a, IReadOnlyList<Suggestion> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.CounterpartId == p.Second.CounterpartId
            && Math.Round(p.First.Score, 1) == Math.Round(p.Second.Score, 1)
            && p.First.Reasons.Select(r => r.ToString()).SequenceEqual(p.Second.Reasons.Select(r => r.ToString()), StringComparer.Ordinal));

    /// <summary>
    /// The statistics epoch of a pool of <paramref name="firms"/> now: the period of <c>Matching:StatisticsHours</c> since
    /// the Unix epoch, and the step of the pool's size on a scale where each step is <c>Matching:StatisticsGrowth</c> larger.
    /// </summary>
    private StatisticsEpoch EpochOf(int firms)
    {
        var hours = Math.Max(configuration.GetValue("Matching:StatisticsHours", 24.0), 0.01);
        var growth = Math.Max(configuration.GetValue("Matching:StatisticsGrowth", 0.1), 0.001);
        var period = (long)Math.Floor((clock.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalHours / hours);
        return new StatisticsEpoch(period, (int)Math.Floor(Math.Log(Math.Max(firms, 1)) / Math.Log(1 + growth)));
    }

    private static (Guid, Guid) Pair(Guid a, Guid b) => a.CompareTo(b) < 0 ? (a, b) : (b, a);

    private static int ExclusionsHash(IEnumerable<Guid> excluded)
    {
        var hash = 0;
        foreach (var id in excluded)
        {
            hash ^= id.GetHashCode();
        }

        return hash;
    }

    private static async Task<List<MatchProfile>> LoadProfilesAsync(AppDbContext db, IQueryable<Company> companies,
        IEnumerable<(Guid CompanyId, Guid ExcludedId)> exclusions, CancellationToken cancellationToken)
    {
        var excludedBy = exclusions.ToLookup(e => e.CompanyId, e => e.ExcludedId);
        var rows = await companies.AsNoTracking().Include(c => c.Capabilities).ToListAsync(cancellationToken);
        return rows.Select(c => ToProfile(c, excludedBy[c.Id].ToList())).ToList();
    }

    internal static MatchProfile ToProfile(Company c, IReadOnlyCollection<Guid> excluded) => new()
    {
        Id = c.Id,
        Name = c.Name,
        Country = c.Country,
        Size = c.Size == Domain.CompanySize.Sme ? Matching.CompanySize.Sme : Matching.CompanySize.Large,
        Offers = Claims(c, CapabilityDirection.Offers),
        Seeks = Claims(c, CapabilityDirection.Seeks),
        Modes = c.Modes,
        Programmes = c.Programmes,
        Compliance = c.Compliance,
        Languages = c.Languages,
        Description = c.Description,
        Excluded = excluded,
    };

    private static List<CapabilityClaim> Claims(Company c, CapabilityDirection direction) =>
        c.Capabilities.Where(x => x.Direction == direction).Select(x => new CapabilityClaim(x.Code, x.Trl, x.Note)).ToList();

    private async Task StoreAsync(AppDbContext db, HashSet<Guid> affected, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var existingIds = (await db.Companies.Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var chunk in affected.Where(existingIds.Contains).Chunk(200))
        {
            await db.Suggestions.Where(s => chunk.Contains(s.CompanyId)).ExecuteDeleteAsync(cancellationToken);
            var candidatesForQueue = new List<(Guid A, Guid B, Suggestion S)>();
            var lists = engine!.TopFor(chunk, KeptTop);
            foreach (var companyId in chunk)
            {
                var top = lists[companyId].Where(s => verified.Contains(s.CounterpartId)).Take(StoredTop).ToList();
                db.Suggestions.AddRange(top.Select((s, rank) => new StoredSuggestion
                {
                    CompanyId = companyId,
                    CounterpartId = s.CounterpartId,
                    Rank = rank + 1,
                    Score = Math.Round(s.Score, 1),
                    ReasonsJson = ReasonDto.Serialize(s.Reasons.Select(ReasonDto.From)),
                    ComputedAt = now,
                }));
                if (verified.Contains(companyId))
                {
                    candidatesForQueue.AddRange(top.Take(CurationTop).Select(s => (companyId, s.CounterpartId, s)));
                }
            }

            await QueueForCurationAsync(db, chunk, candidatesForQueue, PairScore, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    private double PairScore(Guid reader, Suggestion suggestion) =>
        MatchPairs.PairScore(suggestion.Score, engine!.Score(suggestion.CounterpartId, reader)?.Score);

    private static async Task QueueForCurationAsync(AppDbContext db, Guid[] chunk, List<(Guid A, Guid B, Suggestion S)> candidates,
        Func<Guid, Suggestion, double> pairScore, DateTime now, CancellationToken ct)
    {
        var countries = await db.Companies.Where(c => chunk.Contains(c.Id) || candidates.Select(x => x.B).Contains(c.Id))
            .Select(c => new { c.Id, c.Country }).ToDictionaryAsync(c => c.Id, c => c.Country, ct);
        var wanted = candidates
            .Select(c => countries[c.A] == Countries.Canada ? (Ca: c.A, Kr: c.B, c.S, Reader: Countries.Canada, ReaderId: c.A) : (Ca: c.B, Kr: c.A, c.S, Reader: Countries.Korea, ReaderId: c.A))
            .GroupBy(c => (c.Ca, c.Kr)).Select(g => g.First()).ToList();
        var existing = await db.Matches.Where(m => chunk.Contains(m.CanadianCompanyId) || chunk.Contains(m.KoreanCompanyId)).ToListAsync(ct);
        var byPair = existing.ToDictionary(m => (m.CanadianCompanyId, m.KoreanCompanyId));
        foreach (var (ca, kr, suggestion, reader, readerId) in wanted)
        {
            var score = pairScore(readerId, suggestion);
            var reasons = ReasonDto.SerializeForCanadian(suggestion.Reasons.Select(ReasonDto.From), reader);
            if (byPair.TryGetValue((ca, kr), out var match))
            {
                if (match.Status == MatchStatus.Suggested)
                {
                    (match.Score, match.ReasonsJson, match.Domain) = (score, reasons, MainDomain(suggestion));
                }

                continue;
            }

            var created = new MatchEntity
            {
                Id = Guid.NewGuid(), CanadianCompanyId = ca, KoreanCompanyId = kr, Status = MatchStatus.Suggested,
                Score = score, ReasonsJson = reasons, Domain = MainDomain(suggestion),
                CreatedAt = now, StatusChangedAt = now, UpdatedAt = now,
            };
            created.History.Add(new MatchStatusChange { To = MatchStatus.Suggested, At = now });
            db.Matches.Add(created);
            byPair[(ca, kr)] = created;
        }

        var keep = wanted.Select(w => (w.Ca, w.Kr)).ToHashSet();
        var keptByOthers = (await db.Suggestions.Where(x => chunk.Contains(x.CounterpartId) && x.Rank <= CurationTop)
                .Select(x => new { x.CompanyId, x.CounterpartId }).ToListAsync(ct))
            .SelectMany(x => new[] { (x.CompanyId, x.CounterpartId), (x.CounterpartId, x.CompanyId) }).ToHashSet();
        var stale = existing.Where(m => m.Status == MatchStatus.Suggested
            && !keep.Contains((m.CanadianCompanyId, m.KoreanCompanyId))
            && !keptByOthers.Contains((m.CanadianCompanyId, m.KoreanCompanyId))).ToList();
        db.Matches.RemoveRange(stale);
    }

    private static string MainDomain(Suggestion suggestion) => ReasonDomains.MainOf(suggestion.Reasons.Select(ReasonDto.From));
}
