package dev.rarec.generator;

import dev.rarec.corpus.Movie;
import dev.rarec.data.Role;
import dev.rarec.data.Turn;
import dev.rarec.generator.ConversationRecommender.InvalidConversation;
import dev.rarec.generator.ConversationRecommender.Message;
import dev.rarec.generator.ConversationRecommender.RankedMovie;
import dev.rarec.generator.ConversationRecommender.Result;
import dev.rarec.retriever.Retriever;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConversationRecommenderTest {

    @Test
    void ranksTheGeneratorsTopKFromTheRetrieversCandidates() {
        ConversationRecommender r = SurfaceFixtures.recommender(true);

        Result result = r.recommend(List.of(Message.user("I loved Heat, any ideas?")), 3);

        assertThat(result.history()).extracting(Movie::title).containsExactly("Heat");
        // The genre retriever proposes Collateral, Ronin, Se7en, Pulp Fiction, Blade Runner, Groundhog Day;
        // the fake generator reverses them and the top 3 are kept.
        assertThat(result.candidates()).extracting(c -> c.movie().title())
                .containsExactly("Collateral", "Ronin", "Se7en", "Pulp Fiction", "Blade Runner", "Groundhog Day");
        assertThat(result.recommendations()).extracting(m -> m.movie().title())
                .containsExactly("Groundhog Day", "Blade Runner", "Pulp Fiction");
        assertThat(result.recommendations()).extracting(RankedMovie::rank).containsExactly(1, 2, 3);
        assertThat(result.recommendations().get(0).reason()).isEqualTo("fake reason: comedy");
        assertThat(result.generator()).isEqualTo("fake");
        assertThat(result.timings().totalMillis()).isGreaterThanOrEqualTo(result.timings().generateMillis());
    }

    @Test
    void buildsTurnsWithRolesAndDetectedItemsForThePipeline() {
        List<List<Turn>> contexts = new ArrayList<>();
        List<List<Integer>> histories = new ArrayList<>();
        var corpus = SurfaceFixtures.corpus();
        Retriever base = SurfaceFixtures.genreRetriever(corpus);
        Retriever spy = new Retriever() {
            public int numItems() { return base.numItems(); }
            public float[] score(List<Integer> h) { histories.add(h); return base.score(h); }
        };
        Generator gen = new Generator() {
            public String name() { return "spy"; }
            public Ranking rank(List<Turn> context, List<Movie> candidates) {
                contexts.add(context);
                return Ranking.of(candidates.stream().map(Movie::id).toList());
            }
        };
        var r = new ConversationRecommender(new Pipeline(corpus, spy, gen), SurfaceFixtures.substringDetector(corpus));

        r.recommend(List.of(Message.user("Heat and The Matrix were great"), Message.of("assistant", "Have you seen Ronin?"),
                Message.of("USER", "Yes, and heat again")), 2);

        assertThat(contexts.get(0)).extracting(Turn::role).containsExactly(Role.SEEKER, Role.RECOMMENDER, Role.SEEKER);
        assertThat(contexts.get(0)).extracting(Turn::items).containsExactly(List.of(0, 1), List.of(3), List.of(0));
        // A movie named again moves to the end of the history; the assistant's suggestion (Ronin) is no part
        // of it until the user names it.
        assertThat(histories.get(0)).containsExactly(1, 0);
    }

    @Test
    void forgottenMoviesLeaveTheHistory() {
        ConversationRecommender r = SurfaceFixtures.recommender(false);

        Result result = r.recommend(List.of(Message.user("Heat, The Matrix")), 2, Set.of(0));

        assertThat(result.history()).extracting(Movie::title).containsExactly("The Matrix");
    }

    @Test
    void historyKeepsTheMostRecentSixtyFourItems() {
        List<Movie> movies = IntStream.range(0, 80)
                .mapToObj(i -> new Movie(i, "", "Film" + i + "x", 2000, List.of("Drama"), "", List.of(), "", List.of())).toList();
        var corpus = new dev.rarec.corpus.Corpus(movies);
        List<List<Integer>> histories = new ArrayList<>();
        Retriever base = SurfaceFixtures.genreRetriever(corpus);
        Retriever spy = new Retriever() {
            public int numItems() { return base.numItems(); }
            public float[] score(List<Integer> h) { histories.add(h); return base.score(h); }
        };
        var r = new ConversationRecommender(new Pipeline(corpus, spy, SurfaceFixtures.reversingGenerator(false)),
                SurfaceFixtures.substringDetector(corpus));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 70; i++) text.append("Film").append(i).append("x, ");

        Result result = r.recommend(List.of(Message.user(text.toString())), 5);

        assertThat(histories.get(0)).hasSize(64).startsWith(6).endsWith(69);
        assertThat(result.history()).hasSize(64);
    }

    @Test
    void reasonsNameTheLikedFilmTheyComeFrom() {
        ConversationRecommender r = SurfaceFixtures.recommender(false);

        Result result = r.recommend(List.of(Message.user("I loved Heat")), 6);

        RankedMovie collateral = result.recommendations().stream()
                .filter(m -> m.movie().title().equals("Collateral")).findFirst().orElseThrow();
        assertThat(collateral.reason()).isEqualTo("Directed by Michael Mann, like Heat");
        RankedMovie ronin = result.recommendations().stream()
                .filter(m -> m.movie().title().equals("Ronin")).findFirst().orElseThrow();
        assertThat(ronin.reason()).contains("Robert De Niro");
    }

    @Test
    void refusesEmptyConversationsUnknownRolesAndBadK() {
        ConversationRecommender r = SurfaceFixtures.recommender(false);

        assertThatThrownBy(() -> r.recommend(List.of(), 3)).isInstanceOf(InvalidConversation.class)
                .hasMessageContaining("empty").extracting(e -> ((InvalidConversation) e).field()).isEqualTo("messages");
        assertThatThrownBy(() -> r.recommend(List.of(Message.user("  ")), 3)).isInstanceOf(InvalidConversation.class)
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> Message.of("system", "hi")).isInstanceOf(InvalidConversation.class)
                .hasMessageContaining("unknown role \"system\"");
        assertThatThrownBy(() -> r.recommend(List.of(Message.user("Heat")), 0)).isInstanceOf(InvalidConversation.class)
                .hasMessageContaining("k must be between 1 and 12, got 0")
                .extracting(e -> ((InvalidConversation) e).field()).isEqualTo("k");
        assertThatThrownBy(() -> r.recommend(List.of(Message.user("Heat")), 13)).isInstanceOf(InvalidConversation.class);
    }

    @Test
    void answersAConversationWithoutAnyKnownMovie() {
        ConversationRecommender r = SurfaceFixtures.recommender(false);

        Result result = r.recommend(List.of(Message.user("something light for a rainy evening")), 4);

        assertThat(result.history()).isEmpty();
        assertThat(result.recommendations()).hasSize(4).allSatisfy(m -> assertThat(m.reason()).isNotBlank());
    }
}
