using CanadaKoreaMatch.Web.Features.Audit;
using CanadaKoreaMatch.Web.Pages.Officials;
using static CanadaKoreaMatch.Web.Features.Audit.AuditChangeKind;

namespace CanadaKoreaMatch.Web.Tests;

public sealed class AuditDiffTests
{
    [Fact]
    public void An_update_lists_only_the_fields_whose_value_differs()
    {
        var changes = AuditDiff.Compare("""{"Name":"Hanwha","Region":"Seoul","Trl":6}""", """{"Name":"Hanwha Ocean","Region":"Seoul","Trl":7}""");

        changes.ShouldBe([new AuditChange("Name", Changed, "Hanwha", "Hanwha Ocean"), new AuditChange("Trl", Changed, "6", "7")]);
    }

    [Fact]
    public void Keys_references_by_id_and_bookkeeping_are_left_out_and_so_is_a_change_that_reads_the_same()
    {
        var changes = AuditDiff.Compare(
            """{"Id":7,"CompanyId":"4d1bbd66-6543-4131-8bcc-e81cf292ed14","NormalizedName":"GASTOPS","Version":"e30c43a0-87db-4871-ac30-017d694b33d3","Name":"Gastops","UpdatedAt":"2026-12-06T23:56:51.1234567Z","RequestedById":"rep"}""",
            """{"Id":-2147482644,"CompanyId":"5d1bbd66-6543-4131-8bcc-e81cf292ed14","NormalizedName":"GASTOPS LTD","Version":"f30c43a0-87db-4871-ac30-017d694b33d3","Name":"Gastops Ltd","UpdatedAt":"2026-12-06T23:56:51.7654321Z","RequestedById":"official"}""",
            (field, value) => field == "UpdatedAt" ? value[..19] : null);

        changes.ShouldBe([new AuditChange("Name", Changed, "Gastops", "Gastops Ltd"), new AuditChange("RequestedById", Changed, "rep", "official")],
            "an id that is neither a number nor a GUID is kept");
        AuditDiff.Compare(null, """{"Id":3,"SubjectId":"4d1bbd66-6543-4131-8bcc-e81cf292ed14","Code":"MAR.MRO"}""").ShouldBe([new AuditChange("Code", Added, null, "MAR.MRO")]);
    }

    [Fact]
    public void A_long_value_edited_beyond_the_cut_still_reads_as_a_change_shown_near_the_difference()
    {
        var text = string.Concat(Enumerable.Repeat("Through-life support for naval platforms. ", 4));

        var change = AuditDiff.Compare($$"""{"Description":"{{text}}Halifax."}""", $$"""{"Description":"{{text}}Esquimalt."}""").ShouldHaveSingleItem();

        change.Kind.ShouldBe(Changed);
        change.Before.ShouldNotBe(change.After);
        change.Before!.ShouldStartWith("…");
        change.Before.ShouldEndWith("Halifax.");
        change.After!.ShouldEndWith("Esquimalt.");
        change.After.Length.ShouldBeLessThanOrEqualTo(AuditDiff.MaxValueLength);
    }

    [Fact]
    public void A_reference_by_id_is_kept_when_it_can_be_named_and_the_references_of_an_entry_are_found()
    {
        const string json = """{"CompanyId":"4d1bbd66-6543-4131-8bcc-e81cf292ed14","UserId":"0a1b2c3d-0000-4000-8000-000000000001","Id":5,"JoinedAt":"2026-12-06"}""";

        AuditDiff.References(json).ShouldBe(["4d1bbd66-6543-4131-8bcc-e81cf292ed14", "0a1b2c3d-0000-4000-8000-000000000001"]);
        AuditDiff.References("not json").ShouldBeEmpty();
        AuditDiff.Compare(null, json, (field, value) => field == "UserId" ? "Kim Ji-won (kim@hanwha.example)" : null)
            .ShouldBe([new AuditChange("UserId", Added, null, "Kim Ji-won (kim@hanwha.example)"), new AuditChange("JoinedAt", Added, null, "2026-12-06")]);
    }

    [Fact]
    public void A_created_record_lists_its_fields_as_added_and_a_deleted_one_as_removed_leaving_out_empty_ones()
    {
        AuditDiff.Compare(null, """{"Code":"MAR.PROP","Note":null,"Trl":null}""").ShouldBe([new AuditChange("Code", Added, null, "MAR.PROP")]);
        AuditDiff.Compare("""{"Code":"MAR.PROP","Note":null}""", null).ShouldBe([new AuditChange("Code", Removed, "MAR.PROP", null)]);
    }

    [Fact]
    public void A_value_that_became_empty_or_was_empty_is_a_change_with_no_text_on_that_side()
    {
        AuditDiff.Compare("""{"Website":null}""", """{"Website":"https://a.example"}""")
            .ShouldBe([new AuditChange("Website", Changed, null, "https://a.example")]);
        AuditDiff.Compare("""{"VerifiedAt":"2026-12-01T10:00:00Z"}""", """{"VerifiedAt":null}""")
            .ShouldBe([new AuditChange("VerifiedAt", Changed, "2026-12-01T10:00:00Z", null)]);
    }

    [Fact]
    public void Fields_present_on_one_side_only_are_added_or_removed()
    {
        var changes = AuditDiff.Compare("""{"email":"a@ckm.test","client":"10.0.0.1"}""", """{"email":"a@ckm.test","detail":"authenticator app"}""");

        changes.ShouldBe([new AuditChange("client", Removed, "10.0.0.1", null), new AuditChange("detail", Added, null, "authenticator app")]);
    }

    [Fact]
    public void Arrays_and_nested_objects_are_written_compactly_on_one_line()
    {
        var changes = AuditDiff.Compare("""{"Languages":["en"],"Extra":{"a":1}}""", """{"Languages":["en","ko"],"Extra":{"a":1,"b":{"c":[true,null,""]}}}""");

        changes.ShouldBe([
            new AuditChange("Languages", Changed, "[en]", "[en, ko]"),
            new AuditChange("Extra", Changed, "{a: 1}", "{a: 1, b: {c: [true, null, \"\"]}}"),
        ]);
    }

    [Fact]
    public void Equal_values_written_differently_are_not_a_change()
    {
        AuditDiff.Compare("""{"Extra":{"a":1,"b":2},"Trl":1.0}""", """{ "Extra" : { "a" : 1, "b" : 2 }, "Trl" : 1.0 }""").ShouldBeEmpty();
    }

    [Fact]
    public void Long_values_are_cut_with_an_ellipsis()
    {
        var before = new string('a', 300);
        var change = AuditDiff.Compare($$"""{"Description":"{{before}}"}""", """{"Description":"short"}""")!.ShouldHaveSingleItem();

        change.Before!.Length.ShouldBe(AuditDiff.MaxValueLength);
        change.Before.ShouldEndWith("…");
        change.After.ShouldBe("short");
        var items = string.Join(",", Enumerable.Range(0, 10_000));
        AuditDiff.Compare(null, $$"""{"Ids":[{{items}}]}""")!.ShouldHaveSingleItem().After!.Length.ShouldBe(AuditDiff.MaxValueLength);
    }

    [Fact]
    public void A_cut_never_splits_a_character_written_as_two_utf16_units()
    {
        var text = new string('a', AuditDiff.MaxValueLength - 2) + "😀😀😀";

        var cut = AuditDiff.Shorten(text);

        cut.ShouldBe(new string('a', AuditDiff.MaxValueLength - 2) + "…");
    }

    [Theory]
    [InlineData("[1,2,3]", "[1, 2, 3]")]
    [InlineData("\"just text\"", "just text")]
    [InlineData("42", "42")]
    [InlineData("true", "true")]
    public void A_top_level_value_that_is_not_an_object_is_one_change_of_the_whole_value(string after, string text) =>
        AuditDiff.Compare(null, after).ShouldBe([new AuditChange("", Added, null, text)]);

    [Theory]
    [InlineData("{\"Name\":")]
    [InlineData("not json")]
    [InlineData("{\"a\":1}{\"b\":2}")]
    public void Text_that_is_not_json_gives_no_changes_so_the_page_shows_it_as_it_is(string invalid)
    {
        AuditDiff.Compare(invalid, """{"a":1}""").ShouldBeNull();
        AuditDiff.Compare("""{"a":1}""", invalid).ShouldBeNull();
    }

    [Fact]
    public void Json_nested_deeper_than_the_reader_allows_is_shown_as_it_is_rather_than_failing()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 500)) + string.Concat(Enumerable.Repeat("]", 500));

        AuditDiff.Compare(null, deep).ShouldBeNull();
    }

    [Fact]
    public void Nothing_recorded_on_either_side_is_no_change_and_a_repeated_name_keeps_its_last_value()
    {
        AuditDiff.Compare(null, null).ShouldBeEmpty();
        AuditDiff.Compare("", " ").ShouldBeEmpty();
        AuditDiff.Compare("""{"a":1,"a":2}""", """{"a":2}""").ShouldBeEmpty();
    }

    [Fact]
    public void A_description_replaces_scalar_values_including_those_inside_arrays()
    {
        var changes = AuditDiff.Compare("""{"Status":2,"Modes":["JV"]}""", """{"Status":3,"Modes":["JV","SUPPLY"]}""",
            (field, value) => field == "Status" ? $"status {value}" : value.ToLowerInvariant());

        changes.ShouldBe([new AuditChange("Status", Changed, "status 2", "status 3"), new AuditChange("Modes", Changed, "[jv]", "[jv, supply]")]);
    }

    [Theory]
    [InlineData("VerifiedAt", "Verified at")]
    [InlineData("email", "Email")]
    [InlineData("CanadianCompanyId", "Canadian company id")]
    [InlineData("NCAGECode", "NCAGE code")]
    [InlineData("MeetingReminder24h", "Meeting reminder 24 h")]
    public void Field_names_are_humanised(string name, string expected) =>
        AuditChangeLabels.Humanise(name).ShouldBe(expected);
}
