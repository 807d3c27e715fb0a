using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Matches;

/// <summary>An official's note on a match, seen by officials and administrators only.</summary>
[Authorize(Roles.TradeOfficial, Roles.Administrator)]
public sealed record AnnotateMatch(Guid MatchId, string Text) : ICommand<MatchDto>;

internal sealed class AnnotateMatchValidator : AbstractValidator<AnnotateMatch>
{
    public AnnotateMatchValidator() =>
        RuleFor(a => a.Text).NotEmpty().WithMessage("Write the note.").MaximumLength(Match.TextMaxLength);
}

internal sealed class AnnotateMatchHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<AnnotateMatch, MatchDto>
{
    public async Task<MatchDto> Handle(AnnotateMatch request, CancellationToken cancellationToken)
    {
        if (!await db.Matches.AnyAsync(m => m.Id == request.MatchId, cancellationToken))
        {
            throw new NotFoundException("The match");
        }

        db.MatchNotes.Add(new MatchNote { MatchId = request.MatchId, UserId = user.RequireUserId(), Text = request.Text.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        return await MatchLoader.LoadAsync(db, request.MatchId, forOfficials: true, cancellationToken);
    }
}
