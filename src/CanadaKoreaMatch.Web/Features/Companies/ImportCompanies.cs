using System.Text.Json.Serialization;
using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Taxonomy;
using CsvHelper;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Companies;

/// <summary>Imports firms from CSV, all or nothing: one bad row and nothing is saved.</summary>
[Authorize(Roles.TradeOfficial, Roles.Administrator)]
public sealed record ImportCompanies(string Csv) : ICommand<ImportResult>;

public sealed record ImportResult(int Imported, IReadOnlyList<Guid> Ids);

/// <summary>One problem of an imported file: the API reads its English reason, the import page its refusal in the page's language.</summary>
public sealed record ImportRowError(int Line, string Column, [property: JsonIgnore] Refusal Problem)
{
    public string Reason => Problem.ToString();
}

public sealed class ImportRejectedException(IReadOnlyList<ImportRowError> rows) : Exception(Summary(rows).ToString())
{
    public IReadOnlyList<ImportRowError> Rows { get; } = rows;

    public Refusal Refusal => Summary(Rows);

    private static Refusal Summary(IReadOnlyList<ImportRowError> rows) =>
        new Refusal("The file was not imported: {0} problem(s) found. Nothing was saved.", rows.Count);
}

internal sealed class ImportCompaniesHandler(AppDbContext db, TaxonomyCatalog taxonomy, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<ImportCompanies, ImportResult>
{
    public async Task<ImportResult> Handle(ImportCompanies request, CancellationToken cancellationToken)
    {
        var (rows, errors) = Parse(request.Csv);
        var validator = new CompanyInputValidator(taxonomy);
        foreach (var (line, input) in rows)
        {
            var result = await validator.ValidateAsync(input, cancellationToken);
            errors.AddRange(result.Errors.Select(e => new ImportRowError(line, Column(e.PropertyName), e.CustomState as Refusal ?? new Refusal(e.ErrorMessage))));
        }

        await FindDuplicateNamesAsync(rows, errors, cancellationToken);
        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new ImportRowError(1, "", new Refusal("The file has a header but no firms.")));
        }

        if (errors.Count > 0)
        {
            throw new ImportRejectedException(errors.OrderBy(e => e.Line).ThenBy(e => e.Column, StringComparer.Ordinal).ToList());
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var userId = user.RequireUserId();
        var companies = rows.Select(row =>
        {
            var company = new Company { Id = Guid.NewGuid(), CreatedAt = now, UpdatedAt = now, VerifiedAt = now, VerifiedByUserId = userId };
            company.Apply(row.Input);
            return company;
        }).ToList();
        db.Companies.AddRange(companies);
        await db.SaveChangesAsync(cancellationToken);
        return new ImportResult(companies.Count, companies.Select(c => c.Id).ToList());
    }

    private static (List<(int Line, CompanyInput Input)> Rows, List<ImportRowError> Errors) Parse(string text)
    {
        var rows = new List<(int, CompanyInput)>();
        var errors = new List<ImportRowError>();
        var options = new CsvReaderOptions
        {
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            NormalizeHeaderName = header => header.Trim().ToLowerInvariant(),
            OnMalformedRecord = bad => errors.Add(new ImportRowError((int)bad.LineNumber, "", new Refusal("The line is not valid CSV ({0}): check its quotes.", bad.Reason))),
        };
        using var csv = CsvReader.FromText(text, options);
        csv.ReadHeader();
        if (csv.Headers.Count == 0)
        {
            errors.Add(new ImportRowError(1, "", new Refusal("The file is empty: a header row is required.")));
            return (rows, errors);
        }

        var missing = CompanyCsv.Columns.Except(csv.Headers).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new ImportRowError(1, string.Join(",", missing), new Refusal("The header row lacks these columns: {0}.", string.Join(", ", missing))));
            return (rows, errors);
        }

        while (csv.Read())
        {
            var line = (int)csv.LineNumber;
            if (csv.FieldCount != csv.Headers.Count)
            {
                errors.Add(new ImportRowError(line, "", new Refusal("The line has {0} fields; the header has {1}.", csv.FieldCount, csv.Headers.Count)));
                continue;
            }

            string Field(string column) => csv.GetString(column).Trim();
            rows.Add((line, new CompanyInput
            {
                Name = Field("name"),
                Country = Field("country").ToUpperInvariant(),
                Region = Field("region"),
                Size = Field("size"),
                Website = Field("website"),
                Ncage = Field("ncage").ToUpperInvariant(),
                Languages = CompanyCsv.SplitList(Field("languages").ToUpperInvariant()),
                Offers = CompanyCsv.SplitCapabilities(Field("offers")),
                Seeks = CompanyCsv.SplitCapabilities(Field("seeks")),
                Modes = CompanyCsv.SplitList(Field("modes")),
                Programmes = CompanyCsv.SplitList(Field("programmes")),
                Compliance = CompanyCsv.SplitList(Field("compliance")),
                Description = Field("description"),
            }));
        }

        return (rows, errors);
    }

    private async Task FindDuplicateNamesAsync(List<(int Line, CompanyInput Input)> rows, List<ImportRowError> errors, CancellationToken ct)
    {
        var keys = rows.Where(r => r.Input.Name.Length > 0).Select(r => (r.Line, r.Input.Country, Name: Company.Normalize(r.Input.Name))).ToList();
        var names = keys.Select(k => k.Name).Distinct().ToList();
        var existing = (await db.Companies.Where(c => names.Contains(c.NormalizedName)).Select(c => new { c.Country, c.NormalizedName }).ToListAsync(ct))
            .Select(c => (c.Country, c.NormalizedName)).ToHashSet();
        var seen = new Dictionary<(string, string), int>();
        foreach (var (line, country, name) in keys)
        {
            if (existing.Contains((country, name)))
            {
                errors.Add(new ImportRowError(line, "name", new Refusal("A firm with this name is already registered in {0}.", country)));
            }
            else if (seen.TryGetValue((country, name), out var first))
            {
                errors.Add(new ImportRowError(line, "name", new Refusal("The same firm is already on line {0} of this file.", first)));
            }
            else
            {
                seen[(country, name)] = line;
            }
        }
    }

    private static string Column(string propertyName)
    {
        var first = propertyName.Split('.', '[')[0];
        return first.Length == 0 ? "" : char.ToLowerInvariant(first[0]) + first[1..];
    }
}
