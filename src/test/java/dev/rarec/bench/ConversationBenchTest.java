package dev.rarec.bench;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Movie;
import dev.rarec.generator.ConversationRecommender;
import dev.rarec.generator.SurfaceFixtures;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bench's arithmetic on canned answers, and one run through the real in-process JSON path with stand-in stages. */
class ConversationBenchTest {
    private static final String SUITE = """
            {"suite": "t", "version": 1, "conversations": [
              {"id": "crime-90s", "messages": [{"role": "user", "content": "a 90s crime film"}],
               "expect": {"years": {"min": 1990, "max": 1999}, "genresAny": ["crime"]}},
              {"id": "heat", "messages": [{"role": "user", "content": "I loved Heat and Collateral"}],
               "expect": {"genresAny": ["crime"], "named": [
                 {"text": "Heat", "imdbId": "tt0113277", "title": "Heat", "year": 1995, "notImdbIds": ["tt2404463"]},
                 {"text": "Collateral", "imdbId": "tt0369339", "title": "Collateral", "year": 2004, "opinion": "liked"}]}},
              {"id": "refused", "messages": [{"role": "user", "content": "I hated Se7en"}],
               "expect": {"named": [{"text": "Se7en", "imdbId": "tt0114369", "title": "Se7en", "year": 1995, "opinion": "disliked"}]}},
              {"id": "corrected", "messages": [{"role": "user", "content": "a crime film"}, {"role": "assistant", "content": "Ronin or Heat?"},
                 {"role": "user", "content": "older, 80s"}],
               "expect": {"years": {"min": 1980, "max": 1989}, "suggested": [{"imdbId": "tt0122690", "title": "Ronin", "year": 1998},
                 {"imdbId": "tt0113277", "title": "Heat", "year": 1995}]}}
            ]}""";

    private static String item(String imdbId, String title, int year, String genres) {
        return "{\"rank\": 1, \"id\": 0, \"imdbId\": \"" + imdbId + "\", \"title\": \"" + title + "\", \"year\": " + year
                + ", \"genres\": [" + genres + "], \"director\": \"\", \"cast\": []}";
    }

    private static String answer(List<String> items, String history) {
        return "{\"recommendations\": [" + String.join(",", items) + "], \"history\": [" + history + "], \"timings\": {}}";
    }

    @Test
    void satisfactionCountsEverySlotOfEveryConversationAndResolutionEveryNamedFilm() throws Exception {
        ConversationSuite suite = ConversationSuite.parse(SUITE, "t");
        String crime90s = item("tt0110912", "Pulp Fiction", 1994, "\"Crime\"");
        String crime80s = item("tt0095016", "Die Hard", 1988, "\"Action\", \"Crime\"");
        String heat = item("tt0113277", "Heat", 1995, "\"Crime\"");
        ConversationBench.Recommender canned = (messages, k) -> switch (messages.get(0).content()) {
            // 4 slots filled, 3 satisfy: the fifth slot is empty and counts as unmet
            case "a 90s crime film" -> answer(List.of(crime90s, crime90s, crime80s, crime90s), "");
            // 5 slots, slot 1 repeats a named film; Heat read as The Heat, Collateral right
            case "I loved Heat and Collateral" -> answer(List.of(heat, crime90s, crime80s, crime90s, crime90s),
                    "{\"imdbId\": \"tt2404463\", \"title\": \"The Heat\", \"year\": 2013},"
                            + "{\"imdbId\": \"tt0369339\", \"title\": \"Collateral\", \"year\": 2004, \"opinion\": \"liked\"}");
            // all 5 slots 1980s; the assistant's Ronin stays in the history as a mention, Heat is kept out
            case "a crime film" -> answer(List.of(crime80s, crime80s, crime80s, crime80s, crime80s),
                    "{\"imdbId\": \"tt0122690\", \"title\": \"Ronin\", \"year\": 1998}");
            default -> throw new ConversationBench.AnswerRefused("HTTP 400: no");
        };

        ConversationReport report = ConversationBench.remote(Optional.empty()).run(suite, canned);

        assertThat(report.slots()).isEqualTo(20);
        assertThat(report.satisfiedSlots()).isEqualTo(3 + 4 + 5);
        assertThat(report.satisfaction()).isEqualTo(12 / 20.0);
        assertThat(report.suggestionsKeptOut()).containsExactly(1, 2);
        assertThat(report.resolved()).isEqualTo(1);
        assertThat(report.resolvable()).isEqualTo(3);
        Map<String, Object> figures = report.figures();
        assertThat(figures).containsEntry("satisfaction", 0.6).containsEntry("resolved", 1).containsEntry("resolvable", 3);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> categories = (Map<String, Map<String, Object>>) figures.get("categories");
        assertThat(categories.get("ambiguous-title")).containsEntry("conversations", 1).containsEntry("satisfaction", 0.8)
                .containsEntry("resolved", 1).containsEntry("resolvable", 2);
        assertThat(categories.get("dislike")).containsEntry("satisfaction", 0.0).containsEntry("resolvable", 1);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> constraints = (Map<String, Map<String, Object>>) figures.get("constraints");
        assertThat(constraints.get("years")).containsEntry("conversations", 2).containsEntry("satisfaction", 0.8);
        assertThat(constraints.get("notNamed")).containsEntry("conversations", 2).containsEntry("satisfaction", 0.4);

        StringWriter text = new StringWriter();
        report.print(new PrintWriter(text));
        assertThat(text.toString()).contains("top-5 constraint satisfaction 0.600", "named films resolved 1/3",
                "assistant suggestions kept out of the liked history 1/2", "assistant's suggestions in the history: Ronin (1998) tt0122690",
                "3. Die Hard (1988) tt0095016 fails years", "1. Heat (1995) tt0113277 fails notNamed",
                "\"Heat\" should be Heat (1995) tt0113277; history: The Heat (2013) tt2404463", "HTTP 400: no", "only 4 recommendations");
    }

    @Test
    void aRemoteFilmIsCheckedWithTheCorpusRecordWhenTheCorpusKnowsIt() throws Exception {
        ConversationSuite suite = ConversationSuite.parse("""
                {"suite": "t", "version": 1, "conversations": [{"id": "mann", "messages": [{"role": "user", "content": "Val Kilmer films"}],
                 "expect": {"person": "Val Kilmer"}}]}""", "t");
        // the API cut the cast before Val Kilmer; the corpus record has him
        String heat = item("tt0113277", "Heat", 1995, "\"Crime\"");
        ConversationBench.Recommender canned = (m, k) -> answer(List.of(heat), "");
        Corpus corpus = SurfaceFixtures.corpus();

        assertThat(ConversationBench.remote(Optional.of(corpus)).run(suite, canned).satisfiedSlots()).isEqualTo(1);
        assertThat(ConversationBench.remote(Optional.empty()).run(suite, canned).satisfiedSlots()).isZero();
    }

    @Test
    void inProcessRunReadsTheSameJsonAsTheApi() throws Exception {
        ConversationSuite suite = ConversationSuite.parse("""
                {"suite": "t", "version": 1, "conversations": [{"id": "heat", "messages": [{"role": "user", "content": "I loved Heat"}],
                 "expect": {"genresAny": ["crime", "thriller"], "named": [{"text": "Heat", "imdbId": "tt0113277", "title": "Heat", "year": 1995}]}}]}""", "t");
        Corpus corpus = SurfaceFixtures.corpus();

        ConversationRecommender recommender = SurfaceFixtures.recommender(false);

        ConversationReport report = ConversationBench.sameCorpus(corpus).run(suite, ConversationBench.inProcess(recommender));

        // the same conversation asked directly: the films that are crime or thriller and not Heat itself
        List<Movie> top5 = recommender.recommend(List.of(ConversationRecommender.Message.user("I loved Heat")), 5)
                .recommendations().stream().map(ConversationRecommender.RankedMovie::movie).toList();
        long meets = top5.stream().filter(m -> !m.imdbId().equals("tt0113277"))
                .filter(m -> m.genres().contains("Crime") || m.genres().contains("Thriller")).count();
        assertThat(top5).hasSize(5);
        assertThat(report.satisfiedSlots()).isEqualTo((int) meets);
        assertThat(report.resolved()).isEqualTo(1);
    }

    @Test
    void aSuiteThatDisagreesWithTheCorpusIsRefused() {
        ConversationSuite suite = ConversationSuite.parse("""
                {"suite": "t", "version": 1, "conversations": [{"id": "heat", "messages": [{"role": "user", "content": "I loved Heat"}],
                 "expect": {"named": [{"text": "Heat", "imdbId": "tt0113277", "title": "Heat", "year": 2013, "notImdbIds": ["tt2404463"]}]}}]}""", "t");

        assertThatThrownBy(() -> ConversationBench.checkAgainst(suite, SurfaceFixtures.corpus()))
                .hasMessageContaining("heat: wrong reading tt2404463 is not in the corpus")
                .hasMessageContaining("heat: Heat (2013) tt0113277 is Heat (1995) in the corpus");
    }
}
