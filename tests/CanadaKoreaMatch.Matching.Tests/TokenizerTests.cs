using CanadaKoreaMatch.Matching.Text;

namespace CanadaKoreaMatch.Matching.Tests;

public class TokenizerTests
{
    private static List<string> Terms(string text) => [.. Tokenizer.Tokenize(text).Select(t => t.Term)];

    [Fact]
    public void English_stop_words_are_dropped_and_plurals_folded()
    {
        var terms = Terms("The systems of the fleet");

        terms.ShouldBe(["system", "fleet"]);
    }

    [Fact]
    public void Adjacent_content_words_also_form_a_phrase_term()
    {
        var terms = Terms("through-life support");

        terms.ShouldContain("through life");
        terms.ShouldContain("life support");
        Tokenizer.Tokenize("through-life support").Single(t => t.Term == "through life").Display.ShouldBe("through-life");
    }

    [Fact]
    public void A_stop_word_or_punctuation_breaks_a_phrase()
    {
        Terms("radar of ships").ShouldNotContain("radar ship");
        Terms("radar. ships").ShouldNotContain("radar ship");
    }

    [Fact]
    public void French_elisions_fall_away_and_accents_fold()
    {
        var terms = Terms("L'intégration d'armes et l'entretien des systèmes");

        terms.ShouldContain("integration");
        terms.ShouldContain("arme");
        terms.ShouldContain("entretien");
        terms.ShouldContain("systeme");
        terms.ShouldNotContain("l");
        terms.ShouldNotContain("d");
        terms.ShouldNotContain("l'integration");
    }

    [Fact]
    public void Accented_and_unaccented_French_spellings_give_the_same_term()
    {
        Terms("systèmes électroniques").ShouldBe(Terms("systemes electroniques"));
    }

    [Fact]
    public void Korean_text_yields_character_bigrams_per_run()
    {
        var terms = Terms("잠수함 정비");

        terms.ShouldBe(["잠수", "수함", "정비"]);
    }

    [Fact]
    public void A_single_Hangul_syllable_is_kept_as_a_term()
    {
        Terms("함 radar").ShouldBe(["함", "radar"]);
    }

    [Fact]
    public void Mixed_script_text_splits_at_the_script_boundary()
    {
        var terms = Terms("KSS-III급 잠수함");

        terms.ShouldContain("kss");
        terms.ShouldContain("iii");
        terms.ShouldContain("급");
        terms.ShouldContain("잠수");
    }
}
