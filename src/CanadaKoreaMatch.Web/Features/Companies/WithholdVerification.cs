using System.Globalization;
using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.FollowUps;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Companies;

/// <summary>
/// A trade official declines to verify a firm, or withdraws its verification (a lapsed registration, a profile that
/// is not the firm's), with a reason its representatives read on the firm's page. The firm leaves other firms' lists
/// and the officials' queue until its representatives change the profile; verifying it clears the reason.
/// </summary>
[Authorize(Roles.TradeOfficial, Roles.Administrator)]
public sealed record WithholdVerification(Guid CompanyId, string Reason) : ICommand<CompanyDto>, IViewsCompany;

internal sealed class WithholdVerificationValidator : AbstractValidator<WithholdVerification>
{
    public WithholdVerificationValidator()
    {
        RuleFor(w => w.Reason).NotEmpty()
            .WithMessage("Say why, so that the firm's representatives know what to change.");
        RuleFor(w => w.Reason).MaximumLength(Company.WithheldReasonMaxLength)
            .WithRefusal("Keep the reason to {0} characters.", _ => Company.WithheldReasonMaxLength);
    }
}

internal sealed class WithholdVerificationHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<WithholdVerification, CompanyDto>
{
    /// <summary>A new decision about a firm's verification cancels the notices of earlier ones not yet sent: the firm hears only the last.</summary>
    internal static readonly FollowUpKind[] VerificationNotices = [FollowUpKind.FirmVerified, FollowUpKind.FirmVerificationWithheld];

    public async Task<CompanyDto> Handle(WithholdVerification request, CancellationToken cancellationToken)
    {
        var company = await db.Companies.Include(c => c.Capabilities)
            .SingleOrDefaultAsync(c => c.Id == request.CompanyId, cancellationToken)
            ?? throw new NotFoundException("The firm");
        var now = clock.GetUtcNow().UtcDateTime;
        company.VerifiedAt = null;
        company.VerifiedByUserId = null;
        company.VerificationWithheldAt = now;
        company.VerificationWithheldReason = request.Reason.Trim();
        company.VerificationWithheldByUserId = user.RequireUserId();
        await FollowUpPlanner.CancelAsync(db, VerificationNotices, company.Id, null, cancellationToken);
        await FollowUpPlanner.NoticeAsync(db, FollowUpKind.FirmVerificationWithheld, company.Id, company.Id, now, cancellationToken,
            occasion: now.Ticks.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        return CompanyDto.From(company);
    }
}
