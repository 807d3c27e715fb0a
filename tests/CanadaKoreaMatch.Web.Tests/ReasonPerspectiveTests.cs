using CanadaKoreaMatch.Matching;
using CanadaKoreaMatch.Web.Features.Suggestions;
using static CanadaKoreaMatch.Matching.ReasonKind;

namespace CanadaKoreaMatch.Web.Tests;

public sealed class ReasonPerspectiveTests
{
    [Fact]
    public void The_other_firm_reads_each_reason_from_its_own_side()
    {
        ReasonDto[] korean =
        [
            Reason(OffersWhatYouSeek, "DIGI.SIM"),
            Reason(OffersCloseToWhatYouSeek, "MAR.SHIP", "MAR.SUB", "MAR"),
            Reason(MaturityBelowNeed, "SENS.SONAR", "5", "7"),
            Reason(RelatedProgramme, "CPSP", "KSS3"),
            Reason(SizeFit, "SME", "LARGE"),
            Reason(ComplianceFit, "CGP"),
            Reason(ComplianceGap, "CGP"),
            Reason(SharedTerms, "through-life support"),
        ];

        var canadian = ReasonDto.AsSeenByOther(korean);

        canadian.Select(r => (r.Kind, string.Join(",", r.Subjects))).ShouldBe(
        [
            ("SeeksWhatYouOffer", "DIGI.SIM"),
            ("SeeksCloseToWhatYouOffer", "MAR.SUB,MAR.SHIP,MAR"),
            ("SeeksWhatYouOffer", "SENS.SONAR"),
            ("RelatedProgramme", "KSS3,CPSP"),
            ("SizeFit", "LARGE,SME"),
            ("YourComplianceGap", "CGP"),
            ("SharedTerms", "through-life support"),
        ]);
        canadian[0].Text.ShouldBe("seeks DIGI.SIM, which you offer");
        canadian.Select(r => r.Contribution).ShouldAllBe(c => c == 1);
    }

    [Fact]
    public void Reading_twice_from_the_other_side_gives_back_the_reasons_that_both_sides_can_read()
    {
        ReasonDto[] reasons = [Reason(SeeksWhatYouOffer, "MAR.SUB"), Reason(SeeksCloseToWhatYouOffer, "MAR.SUB", "MAR.SHIP", "MAR"), Reason(YourComplianceGap, "DAPA", "DTSA"), Reason(ModesAgree, "CO_PRODUCTION")];

        ReasonDto.AsSeenByOther(ReasonDto.AsSeenByOther(reasons)).Select(Shape).ShouldBe(reasons.Select(Shape));
    }

    private static (string, string, string, double) Shape(ReasonDto r) => (r.Kind, string.Join(",", r.Subjects), r.Text, r.Contribution);

    private static ReasonDto Reason(ReasonKind kind, params string[] subjects) =>
        new(kind.ToString(), subjects, new Reason(kind, subjects, 1).Text, 1);
}
