package dev.rarec.bench;

import dev.rarec.bench.ConversationSuite.SuiteConversation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The built-in suite's composition, and the errors a hand-written suite gets. */
class ConversationSuiteTest {

    private static String suite(String conversation) {
        return "{\"suite\": \"t\", \"version\": 1, \"conversations\": [" + conversation + "]}";
    }

    @Test
    void theBuiltInSuiteCoversEveryCategory() {
        ConversationSuite suite = ConversationSuite.parse(ConversationSuite.builtInText(), "built-in");
        assertThat(suite.conversations()).hasSizeGreaterThanOrEqualTo(70);
        Map<String, Long> counts = suite.conversations().stream().flatMap(c -> ConversationReport.categories(c).stream())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(ConversationReport.CATEGORIES);
        assertThat(counts.get("decade")).isGreaterThanOrEqualTo(10);
        assertThat(counts.get("person")).isGreaterThanOrEqualTo(10);
        assertThat(counts.get("ambiguous-title")).isGreaterThanOrEqualTo(10);
        assertThat(counts.get("multi-turn")).isGreaterThanOrEqualTo(8);
        assertThat(counts.get("dislike")).isGreaterThanOrEqualTo(5);
        int named = suite.conversations().stream().mapToInt(c -> c.expect().named().size()).sum();
        assertThat(named).isGreaterThanOrEqualTo(40);
    }

    @Test
    void theBuiltInSuiteNamesEveryAmbiguousTitleOfTheBrief() {
        ConversationSuite suite = ConversationSuite.parse(ConversationSuite.builtInText(), "built-in");
        List<String> expected = suite.conversations().stream().flatMap(c -> c.expect().named().stream())
                .map(ConversationSuite.NamedFilm::imdbId).toList();
        // Heat 1995, The Heat 2013, Oldboy 2003 and 2013, The Avengers 2012, Psycho 1960, Halloween 1978, Dune, Total Recall, It, Up, Alien, Her, Crash
        assertThat(expected).contains("tt0113277", "tt2404463", "tt0364569", "tt1321511", "tt0848228", "tt0054215", "tt0077651",
                "tt1160419", "tt0100802", "tt1396484", "tt1049413", "tt0078748", "tt1798709", "tt0375679");
    }

    @Test
    void aMisspeltFieldIsAnErrorNotIgnored() {
        String json = suite("{\"id\": \"a\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"expect\": {\"genreAny\": [\"horror\"]}}");
        assertThatThrownBy(() -> ConversationSuite.parse(json, "s.json"))
                .hasMessageStartingWith("s.json line 1: ").hasMessageContaining("genreAny");
    }

    @Test
    void errorsNameTheConversationAndTheField() {
        assertThatThrownBy(() -> ConversationSuite.parse(suite(
                "{\"id\": \"a\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"expect\": {\"genresAny\": [\"scary\"]}}"), "s.json"))
                .hasMessageContaining("s.json: conversations[0] (a): unknown genre family \"scary\"");
        assertThatThrownBy(() -> ConversationSuite.parse(suite(
                "{\"id\": \"a\", \"messages\": [{\"role\": \"user\", \"content\": \"I loved Heat\"}], "
                        + "\"expect\": {\"named\": [{\"text\": \"Collateral\", \"imdbId\": \"tt0369339\", \"title\": \"Collateral\", \"year\": 2004}]}}"), "s.json"))
                .hasMessageContaining("expect.named[0].text \"Collateral\" is not in what the user wrote");
        assertThatThrownBy(() -> ConversationSuite.parse(suite(
                "{\"id\": \"a\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}, {\"role\": \"assistant\", \"content\": \"y\"}], "
                        + "\"expect\": {\"years\": {\"min\": 1990, \"max\": 1980}}}"), "s.json"))
                .hasMessageContaining("the last message must be the user's").hasMessageContaining("expect.years.min 1990 is after max 1980");
        assertThatThrownBy(() -> ConversationSuite.parse(suite(
                "{\"id\": \"a\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"expect\": {}}"), "s.json"))
                .hasMessageContaining("expect has nothing to check");
    }

    @Test
    void idsAreUnique() {
        String c = "{\"id\": \"a\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"expect\": {\"genresAny\": [\"horror\"]}}";
        assertThatThrownBy(() -> ConversationSuite.parse(suite(c + "," + c), "s.json"))
                .hasMessageContaining("conversations[1] (a): id is used twice");
    }

    @Test
    void aCorrectionIsMultiTurnAndAnAlignedDecadeIsADecade() {
        ConversationSuite s = ConversationSuite.parse(suite("{\"id\": \"a\", \"messages\": ["
                + "{\"role\": \"user\", \"content\": \"horror from the 70s\"}, {\"role\": \"assistant\", \"content\": \"Carrie?\"},"
                + "{\"role\": \"user\", \"content\": \"actually make it 80s\"}], \"expect\": {\"years\": {\"min\": 1980, \"max\": 1989}}}"), "s");
        SuiteConversation c = s.conversations().get(0);
        assertThat(c.multiTurn()).isTrue();
        assertThat(ConversationReport.categories(c)).containsExactly("decade", "multi-turn", "no-film-named");
        assertThat(new ConversationSuite.YearRange(2011, null).isDecade()).isFalse();
    }
}
