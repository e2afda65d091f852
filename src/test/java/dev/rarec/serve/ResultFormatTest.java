package dev.rarec.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rarec.generator.ConversationRecommender.Message;
import dev.rarec.generator.ConversationRecommender.Result;
import dev.rarec.generator.SurfaceFixtures;
import dev.rarec.util.Json;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResultFormatTest {
    private final Result result = SurfaceFixtures.recommender(false).recommend(List.of(Message.user("I loved Heat")), 6);

    @Test
    void textShowsYearGenresDirectorCastAndReason() {
        StringWriter out = new StringWriter();
        ResultFormat.print(new PrintWriter(out), result, "");

        assertThat(out.toString()).contains("""
                6. Collateral (2004)
                   Crime, Drama, Thriller · dir. Michael Mann · with Tom Cruise, Jamie Foxx, Jada Pinkett Smith
                   why: Directed by Michael Mann, like Heat""".replace("\n", System.lineSeparator()));
        assertThat(ResultFormat.titles(result.history())).isEqualTo("Heat (1995)");
        assertThat(ResultFormat.titles(List.of())).isEqualTo("none");
    }

    @Test
    void jsonIsTheApiResponse() throws Exception {
        JsonNode json = Json.MAPPER.readTree(ResultFormat.json(result, 6));

        assertThat(json.get("k").asInt()).isEqualTo(6);
        assertThat(json.get("recommendations")).hasSize(6);
        assertThat(json.at("/recommendations/5/title").asText()).isEqualTo("Collateral");
        assertThat(json.at("/recommendations/5/director").asText()).isEqualTo("Michael Mann");
        assertThat(json.at("/history/0/imdbId").asText()).isEqualTo("tt0113277");
        assertThat(json.at("/history/0/opinion").asText()).isEqualTo("liked");
        assertThat(json.get("candidateSource").asText()).isEqualTo("paper");
        assertThat(json.get("candidates")).hasSize(6);
    }

    @Test
    void plotSnippetsStopAtAWord() {
        assertThat(ApiViews.snippet("short plot", 280)).isEqualTo("short plot");
        assertThat(ApiViews.snippet("one two three four five", 12)).isEqualTo("one two…");
    }
}
