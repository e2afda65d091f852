package dev.rarec.generator;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RankedListParserTest {

    private static List<String> titles(String answer) {
        return RankedListParser.parse(answer).stream().map(RankedListParser.Entry::title).toList();
    }

    @Test
    void readsThePaperFormat() {
        List<RankedListParser.Entry> entries = RankedListParser.parse("1. The Matrix\n2. Heat\n3. Alien");
        assertThat(entries).extracting(RankedListParser.Entry::title).containsExactly("The Matrix", "Heat", "Alien");
        assertThat(entries).extracting(RankedListParser.Entry::rank).containsExactly(1, 2, 3);
    }

    @Test
    void toleratesNumberingStyles() {
        assertThat(titles("1) Heat\n#2 Alien\n3 - Up\n(4) Jaws\n[5] Big\n6: Rocky\n#7. Se7en\nRank 8: Fargo"))
                .containsExactly("Heat", "Alien", "Up", "Jaws", "Big", "Rocky", "Se7en", "Fargo");
    }

    @Test
    void stripsMarkdownBoldBulletsAndQuotes() {
        assertThat(titles("- **1. The Matrix**\n* 2. *Heat*\n**3.** \"Alien\"\n4. `Jaws`\n5. __Up__"))
                .containsExactly("The Matrix", "Heat", "Alien", "Jaws", "Up");
    }

    @Test
    void keepsYearsAndDropsCommentary() {
        assertThat(titles("""
                1. The Matrix (1999) - a mind-bending classic
                2. **Heat** (1995): Pacino and De Niro at their best
                3. Alien — the original space horror
                4. Star Wars: Episode IV - A New Hope
                5. Mission: Impossible
                6. Jaws: a great shark movie
                """))
                .containsExactly("The Matrix (1999)", "Heat (1995)", "Alien", "Star Wars: Episode IV", "Mission: Impossible", "Jaws");
    }

    @Test
    void dropsPreambleBlankLinesAndThinking() {
        String answer = """
                <think>
                1. Not this one
                The user likes sci-fi.
                </think>
                Sure! Here are my recommendations:

                1. Blade Runner

                2. Alien
                Hope you enjoy them!
                """;
        assertThat(titles(answer)).containsExactly("Blade Runner", "Alien");
    }

    @Test
    void dropsAnUnclosedThinkBlockAndTextBeforeAStrayClose() {
        assertThat(titles("1. Heat\n<think>1. ignored")).containsExactly("Heat");
        assertThat(titles("reasoning 1. ignored\n</think>\n1. Heat")).containsExactly("Heat");
    }

    @Test
    void fallsBackToBulletsThenPlainLines() {
        assertThat(titles("Here you go:\n- Heat\n- Alien\nEnjoy")).containsExactly("Heat", "Alien");
        assertThat(titles("My picks:\nHeat\nAlien")).containsExactly("Heat", "Alien");
    }

    @Test
    void titlesThatStartWithDigitsAreNotNumbering() {
        assertThat(titles("1. 12 Angry Men\n2. 2001: A Space Odyssey\n3. 1917")).containsExactly("12 Angry Men", "2001: A Space Odyssey", "1917");
        assertThat(titles("- 2001: A Space Odyssey\n- 12 Monkeys")).containsExactly("2001: A Space Odyssey", "12 Monkeys");
    }

    @Test
    void emptyAndBlankAnswersGiveNoLines() {
        assertThat(RankedListParser.parse("")).isEmpty();
        assertThat(RankedListParser.parse("  \n\n ")).isEmpty();
        assertThat(RankedListParser.parse(null)).isEmpty();
    }

    @Test
    void echoedKeyValueMetadataKeepsTheTitle() {
        assertThat(titles("1. title: The Matrix; year: 1999; genre: Action")).first().asString().startsWith("The Matrix");
    }

    @Test
    void readsJsonAnswersAsTitleLists() {
        assertThat(titles("""
                {"recommendations": [
                  {"rank": 1, "title": "The Matrix", "year": 1999},
                  {"rank": 2, "movie": "Heat (1995)"},
                  {"rank": 3, "name": "Alien"}
                ]}""")).containsExactly("The Matrix (1999)", "Heat (1995)", "Alien");
        assertThat(titles("Here is the ranking:\n```json\n[\"Heat\", \"Alien\",\n \"Up\"]\n```\nEnjoy!"))
                .containsExactly("Heat", "Alien", "Up");
        assertThat(titles("<think>maybe [\"Jaws\"]</think>\n[\"Heat\"]")).containsExactly("Heat");
        // Brackets in an ordinary list are not JSON.
        assertThat(titles("1. Heat [1995]\n2. Alien [1979]")).containsExactly("Heat [1995]", "Alien [1979]");
    }

    @Test
    void onlyTitleLikeLinesCount() {
        // Broken JSON falls back to lines: its syntax is not a title.
        assertThat(titles("{\"recommendations\": [\n  {\n    \"rank\": 1,\n    \"title\": \"Heat\"\n  },\n  {")).isEmpty();
        assertThat(titles("Based on the conversation, the user clearly enjoys tense crime thrillers.\nHeat\nAlien\nAirplane!"))
                .containsExactly("Heat", "Alien", "Airplane!");
    }
}
