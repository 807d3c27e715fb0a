using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Audit;

/// <summary>
/// What the ids an audit entry refers to name (a firm, a person, a forum), so that its readable changes say "User: Kim Ji-won
/// (kim@hanwha.example)" rather than a GUID. Ids of nothing known are left out.
/// </summary>
[Authorize(Roles.TradeOfficial, Roles.Administrator)]
public sealed record NamesOfReferences(IReadOnlyCollection<string> Ids) : IQuery<IReadOnlyDictionary<string, string>>
{
    public const int MaxIds = 500;
}

internal sealed class NamesOfReferencesHandler(AppDbContext db) : IRequestHandler<NamesOfReferences, IReadOnlyDictionary<string, string>>
{
    public async Task<IReadOnlyDictionary<string, string>> Handle(NamesOfReferences request, CancellationToken cancellationToken)
    {
        var ids = request.Ids.Distinct(StringComparer.OrdinalIgnoreCase).Take(NamesOfReferences.MaxIds).ToList();
        var guids = ids.Select(id => Guid.TryParse(id, out var g) ? g : (Guid?)null).OfType<Guid>().ToList();
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var firm in await db.Companies.AsNoTracking().Where(c => guids.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken))
        {
            names[firm.Id.ToString()] = firm.Name;
        }

        foreach (var forum in await db.Forums.AsNoTracking().Where(f => guids.Contains(f.Id)).Select(f => new { f.Id, f.Name }).ToListAsync(cancellationToken))
        {
            names[forum.Id.ToString()] = forum.Name;
        }

        foreach (var person in await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken))
        {
            names[person.Id] = $"{person.DisplayName} ({person.Email})";
        }

        return names;
    }
}
