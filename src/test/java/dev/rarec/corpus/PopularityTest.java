package dev.rarec.corpus;

import dev.rarec.util.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PopularityTest {
    /** 40 films with IMDb votes 100 × their TMDB votes and 1,000 × their ReDial mentions. */
    private static List<Map<String, Integer>> overlaps() {
        List<Map<String, Integer>> out = new ArrayList<>();
        for (int i = 1; i <= 40; i++) out.add(Map.of("imdb5000", 100_000 * i, "tmdb5000", 1_000 * i, "redial", 100 * i));
        out.add(Map.of("ml-100k", 5, "imdb5000", 50));
        return out;
    }

    @Test
    void factorsAreTheMedianRatioOnOverlapsAndThinOverlapsAreNotUsed() {
        Popularity p = Popularity.calibrate(overlaps());
        assertThat(p.factors().get("tmdb5000")).isCloseTo(100.0, within(1e-6));
        assertThat(p.factors().get("redial")).isCloseTo(1_000.0, within(1e-6));
        assertThat(p.factors()).as("one overlap is not a calibration").doesNotContainKey("ml-100k");
    }

    @Test
    void imdbVotesAreTakenAsTheyAreOthersScaledAndAveragedGeometrically() {
        Popularity p = Popularity.calibrate(overlaps());
        assertThat(p.votes(Map.of("imdb5000", 1_234, "tmdb5000", 99))).isEqualTo(1_234);
        assertThat(p.votes(Map.of("tmdb5000", 50))).isEqualTo(5_000);
        assertThat(p.votes(Map.of("tmdb5000", 10, "redial", 10))).as("sqrt(1,000 × 10,000)").isEqualTo(3_162);
        assertThat(p.votes(Map.of("ml-100k", 300))).as("uncalibrated source").isZero();
        assertThat(p.votes(Map.of())).isZero();
    }

    @Test
    void heatOutranksTheHeatWhenBothAreCounted() {
        Popularity p = Popularity.calibrate(overlaps());
        int heat = p.votes(Map.of("imdb5000", 459_000, "redial", 60));
        int theHeat = p.votes(Map.of("tmdb5000", 1_600));
        assertThat(heat).isGreaterThan(theHeat);
    }

    @Test
    void aCorpusFileWithoutVotesLoadsWithZeroVotes() throws Exception {
        Movie m = Json.MAPPER.readValue("""
                {"id":0,"imdbId":"tt0113277","title":"Heat","year":1995,"genres":["Action"],"director":"Michael Mann","cast":[],"plot":"","sources":["movielens"]}
                """, Movie.class);
        assertThat(m.votes()).isZero();
        Movie withVotes = new Movie(0, "tt0113277", "Heat", 1995, List.of("Action"), "Michael Mann", List.of(), "", List.of("movielens"), 459_000);
        assertThat(withVotes.keyValueText()).isEqualTo(m.keyValueText());
        assertThat(Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(withVotes), Movie.class)).isEqualTo(withVotes);
    }
}
