using CanadaKoreaMatch.Scheduling.B2bsp;

namespace CanadaKoreaMatch.Scheduling.Tests;

public class DznReaderTests
{
    private const string Small = """
        % two participants, one meeting each way
        nBusiness = 3;
        nMeetings = 2;
        nTables = 1;
        nTotalSlots = 4;
        nMorningSlots = 2;
        requested = [|1, 2,1,
        |2, 3,3,
        |];
        meetingsxBusiness = [{1,2},{1,2,3},{1,3}];
        nMeetingsBusiness = [1,2,1];
        forbidden = [{0},{0,3},{0}];
        fixed = [0,4];
        precedences = [{},{1}];
        """;

    [Fact]
    public void Reads_every_field_of_the_format()
    {
        var instance = DznReader.Parse(Small, "small");

        instance.ParticipantCount.ShouldBe(3);
        instance.SlotCount.ShouldBe(4);
        instance.MorningSlots.ShouldBe(2);
        instance.Tables.ShouldBe(1);
        instance.Meetings.Count.ShouldBe(2);
        instance.Meetings[0].ShouldBe(instance.Meetings[0] with { First = 1, Second = 2, Session = Session.Morning, FixedSlot = 0 });
        instance.Meetings[1].FixedSlot.ShouldBe(4);
        instance.Meetings[1].Predecessors.ShouldBe([1]);
        instance.Forbidden[1].ShouldBe([3]);
        instance.Forbidden[0].ShouldBeEmpty();
    }

    [Fact]
    public void Formatting_then_parsing_gives_the_same_instance()
    {
        var instance = DznReader.Parse(Small, "small");

        var again = DznReader.Parse(DznReader.Format(instance), "small");

        again.Meetings.Select(m => (m.First, m.Second, m.Session, m.FixedSlot, string.Join(',', m.Predecessors)))
            .ShouldBe(instance.Meetings.Select(m => (m.First, m.Second, m.Session, m.FixedSlot, string.Join(',', m.Predecessors))));
        again.Forbidden.Select(f => string.Join(',', f)).ShouldBe(instance.Forbidden.Select(f => string.Join(',', f)));
    }

    [Fact]
    public void Reads_a_published_instance()
    {
        var instance = Benchmarks.Load("forum-13");

        instance.ParticipantCount.ShouldBe(70);
        instance.Meetings.Count.ShouldBe(154);
        instance.Tables.ShouldBe(14);
        instance.SlotCount.ShouldBe(21);
        instance.MorningSlots.ShouldBe(13);
        instance.Forbidden[2].ShouldBe([17]);
    }

    [Theory]
    [InlineData("nBusiness = 2; nTables = 1; nTotalSlots = 2; nMorningSlots = 1; requested = [|1, 1,3|];", "invalid participants")]
    [InlineData("nBusiness = 2; nTables = 1; nTotalSlots = 2; nMorningSlots = 1; requested = [|1, 2,7|];", "session")]
    [InlineData("nBusiness = 2; nTables = 1; nMorningSlots = 1; requested = [|1, 2,3|];", "nTotalSlots")]
    public void Rejects_malformed_files_with_the_reason(string text, string reason)
    {
        Should.Throw<FormatException>(() => DznReader.Parse(text, "bad")).Message.ShouldContain(reason);
    }
}
