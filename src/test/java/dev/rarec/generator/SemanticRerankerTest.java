package dev.rarec.generator;

import dev.rarec.corpus.Movie;
import dev.rarec.data.Role;
import dev.rarec.data.Turn;
import dev.rarec.embed.TextEncoder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SemanticRerankerTest {

    /** A bag-of-words encoder over a tiny vocabulary: enough to make "space" texts close to space movies. */
    static final class BagOfWords implements TextEncoder {
        static final List<String> VOCAB = List.of("space", "alien", "ship", "love", "romance", "wedding", "shark", "ocean", "funny", "comedy");
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String modelId() {
            return "bag-of-words";
        }

        @Override
        public int dimension() {
            return VOCAB.size();
        }

        @Override
        public float[][] encode(List<String> texts) {
            calls.incrementAndGet();
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < texts.size(); i++) out[i] = vector(texts.get(i));
            return out;
        }

        static float[] vector(String text) {
            float[] v = new float[VOCAB.size()];
            for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
                int d = VOCAB.indexOf(w);
                if (d >= 0) v[d] += 1;
            }
            double n = 0;
            for (float x : v) n += x * x;
            if (n > 0) for (int d = 0; d < v.length; d++) v[d] /= (float) Math.sqrt(n);
            return v;
        }
    }

    static Movie movie(int id, String title, String plot, List<String> genres, String director, List<String> cast) {
        return new Movie(id, "", title, 2000 + id, genres, director, cast, plot, List.of());
    }

    private final List<Movie> corpus = List.of(
            movie(0, "Love Actually", "love wedding romance", List.of("Romance", "Comedy"), "Richard Curtis", List.of("Hugh Grant")),
            movie(1, "Jaws", "shark ocean", List.of("Thriller"), "Steven Spielberg", List.of("Roy Scheider")),
            movie(2, "Alien", "space alien ship", List.of("Science Fiction", "Horror"), "Ridley Scott", List.of("Sigourney Weaver")),
            movie(3, "Airplane!", "funny comedy", List.of("Comedy"), "Jim Abrahams", List.of("Leslie Nielsen")));

    private final float[][] itemVectors = corpus.stream().map(m -> BagOfWords.vector(m.plot())).toArray(float[][]::new);

    private static List<Turn> talk(String... seekerTurns) {
        List<Turn> turns = new ArrayList<>();
        for (String s : seekerTurns) {
            turns.add(new Turn(Role.SEEKER, s, List.of()));
            turns.add(new Turn(Role.RECOMMENDER, "ok", List.of()));
        }
        return turns.subList(0, turns.size() - 1);
    }

    @Test
    void fusionWeightZeroIsTheRetrieverOrder() {
        BagOfWords encoder = new BagOfWords();
        SemanticReranker reranker = new SemanticReranker(encoder, id -> itemVectors[id], 0.0);
        Ranking r = reranker.rank(talk("I want something set in space with an alien"), corpus);
        assertThat(r.items()).containsExactly(0, 1, 2, 3);
        assertThat(r.hallucinations()).isZero();
        assertThat(encoder.calls).hasValue(0);
        assertThat(r.items()).isEqualTo(new RetrieverOrder().rank(List.of(), corpus).items());
        assertThat(r.reasons()).hasSize(4);
    }

    @Test
    void theConversationMovesMatchingCandidatesUp() {
        SemanticReranker reranker = new SemanticReranker(new BagOfWords(), id -> itemVectors[id], 0.7);
        assertThat(reranker.rank(talk("hi", "I want something set in space with an alien ship"), corpus).items().get(0)).isEqualTo(2);
        assertThat(reranker.rank(talk("a funny comedy please"), corpus).items().get(0)).isEqualTo(3);
        assertThat(reranker.rank(talk("a funny comedy please"), corpus).items()).containsExactlyInAnyOrder(0, 1, 2, 3);
    }

    @Test
    void overHybridCandidatesAConversationNamingNoFilmKeepsTheirOrder() {
        SemanticReranker reranker = new SemanticReranker(new BagOfWords(), id -> itemVectors[id],
                SemanticReranker.Settings.defaults(HybridCandidates.NAME, 0.7));
        // The request's words alone: the hybrid order already weighed them, with popularity.
        assertThat(reranker.rank(talk("a funny comedy please"), corpus).items()).containsExactly(0, 1, 2, 3);
        // Once a film is named, the conversation's content re-ranks as before.
        List<Turn> named = List.of(new Turn(Role.SEEKER, "a funny comedy please, like this one", List.of(3)));
        assertThat(reranker.rank(named, corpus).items().get(0)).isEqualTo(3);
        // Over paper candidates the request's words re-rank even when no film is named.
        SemanticReranker paper = new SemanticReranker(new BagOfWords(), id -> itemVectors[id],
                SemanticReranker.Settings.defaults(PaperCandidates.NAME, 0.7));
        assertThat(paper.rank(talk("a funny comedy please"), corpus).items().get(0)).isEqualTo(3);
    }

    @Test
    void recentTurnsWeighMoreThanOldOnes() {
        SemanticReranker reranker = new SemanticReranker(new BagOfWords(), id -> itemVectors[id], 0.9);
        Ranking r = reranker.rank(talk("a shark in the ocean", "no wait, a love story with a wedding"), corpus);
        assertThat(r.items().get(0)).isEqualTo(0);
        Ranking reversed = reranker.rank(talk("a love story with a wedding", "no wait, a shark in the ocean"), corpus);
        assertThat(reversed.items().get(0)).isEqualTo(1);
    }

    @Test
    void mentionedMoviesPullSimilarContent() {
        float[][] vectors = itemVectors.clone();
        List<Movie> withSequel = new ArrayList<>(corpus);
        withSequel.add(movie(4, "Aliens", "space alien ship", List.of("Action"), "James Cameron", List.of("Sigourney Weaver")));
        float[][] all = new float[5][];
        System.arraycopy(vectors, 0, all, 0, 4);
        all[4] = BagOfWords.vector("space alien ship");
        List<Turn> context = List.of(new Turn(Role.SEEKER, "I just watched this one", List.of(2)));
        SemanticReranker reranker = new SemanticReranker(new BagOfWords(), id -> all[id], 0.8);
        Ranking r = reranker.rank(context, List.of(withSequel.get(0), withSequel.get(1), withSequel.get(3), withSequel.get(4)));
        assertThat(r.items().get(0)).isEqualTo(4);
    }

    @Test
    void genreAndPeopleCuesGiveGroundedReasons() {
        SemanticReranker reranker = new SemanticReranker(new BagOfWords(), id -> itemVectors[id], 0.5);
        Ranking r = reranker.rank(talk("anything scary? I like Sigourney Weaver"), corpus);
        assertThat(r.items().get(0)).isEqualTo(2);
        assertThat(r.reasons()).hasSize(4);
        assertThat(r.reasons().get(0)).contains("horror").contains("Sigourney Weaver").contains("Alien (2002)");
        int jaws = r.items().indexOf(1);
        assertThat(r.reasons().get(jaws)).isEqualTo("Jaws (2001) is a thriller film directed by Steven Spielberg, with Roy Scheider.");
        Movie alien = new Movie(9, "", "Alien", 1979, List.of("Horror", "Action"), "Ridley Scott", List.of(), "", List.of());
        assertThat(SemanticReranker.reason(alien, List.of())).isEqualTo("Alien (1979) is a horror/action film directed by Ridley Scott.");
        Movie aliens = new Movie(10, "", "Aliens", 1986, List.of("Action", "Horror"), "James Cameron", List.of(), "", List.of());
        assertThat(SemanticReranker.reason(aliens, List.of())).isEqualTo("Aliens (1986) is an action/horror film directed by James Cameron.");
    }

    @Test
    void aCommonWordSurnameAloneIsNotAPerson() {
        Movie m = movie(7, "Gran Torino", "", List.of("Drama"), "Clint Eastwood", List.of("Bee Vang", "Christopher Carley", "Ahney Her", "John Carroll Lynch", "Scott Reeves"));
        SemanticReranker reranker = new SemanticReranker(new BagOfWords(), id -> new float[BagOfWords.VOCAB.size()], 1.0);
        Ranking r = reranker.rank(talk("the scott brothers"), List.of(m));
        assertThat(r.reasons().get(0)).doesNotStartWith("Matches");
        Ranking eastwood = reranker.rank(talk("anything with eastwood"), List.of(m));
        assertThat(eastwood.reasons().get(0)).startsWith("Matches Clint Eastwood");
    }

    @Test
    void negatedCuesDoNotCount() {
        SemanticReranker reranker = new SemanticReranker(new BagOfWords(), id -> itemVectors[id], 0.5);
        Ranking r = reranker.rank(talk("I don't like scary movies, and I hate anything with Sigourney Weaver"), corpus);
        int alien = r.items().indexOf(2);
        assertThat(r.reasons().get(alien)).doesNotStartWith("Matches");
        Ranking funny = reranker.rank(talk("not scary, something funny"), corpus);
        assertThat(funny.reasons().get(funny.items().indexOf(3))).startsWith("Matches comedy");
        assertThat(funny.reasons().get(funny.items().indexOf(2))).doesNotStartWith("Matches");
    }

    @Test
    void theRetrieverPriorIsLinearOrLogShaped() {
        assertThat(SemanticReranker.retrieverPrior(0, 25, 0)).isEqualTo(1.0);
        assertThat(SemanticReranker.retrieverPrior(24, 25, 0)).isEqualTo(0.0);
        assertThat(SemanticReranker.retrieverPrior(12, 25, 0)).isEqualTo(0.5);
        assertThat(SemanticReranker.retrieverPrior(12, 25, 5)).isLessThan(0.5);
        assertThat(SemanticReranker.retrieverPrior(24, 25, 5)).isCloseTo(0.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(SemanticReranker.retrieverPrior(0, 1, 5)).isEqualTo(1.0);
    }

    @Test
    void theConversationVectorIsMemoisedPerContext() {
        BagOfWords encoder = new BagOfWords();
        SemanticReranker reranker = new SemanticReranker(encoder, id -> itemVectors[id], 0.5);
        List<Turn> context = talk("space please");
        reranker.rank(context, corpus);
        reranker.rank(context, corpus.subList(1, 4));
        assertThat(encoder.calls).hasValue(1);
    }

    @Test
    void emptyContextAndEmptyCandidatesAreFine() {
        SemanticReranker reranker = new SemanticReranker(new BagOfWords(), id -> itemVectors[id], 0.5);
        assertThat(reranker.rank(List.of(), corpus).items()).containsExactly(0, 1, 2, 3);
        assertThat(reranker.rank(talk("space"), List.of()).items()).isEmpty();
        assertThat(reranker.name()).isEqualTo("builtin");
    }

    @Test
    void wrongDimensionsAndBadSettingsAreClearErrors() {
        SemanticReranker reranker = new SemanticReranker(new BagOfWords(), id -> new float[3], 0.5);
        assertThatThrownBy(() -> reranker.rank(talk("space"), corpus)).isInstanceOf(GeneratorUnavailableException.class).hasMessageContaining("dimensions differ");
        assertThatThrownBy(() -> new SemanticReranker(new BagOfWords(), id -> null, 1.5)).hasMessageContaining("fusionWeight");
    }

    @Test
    void retrieverOrderKeepsTheCandidates() {
        RetrieverOrder g = new RetrieverOrder();
        assertThat(g.name()).isEqualTo("retriever");
        Ranking r = g.rank(talk("space"), List.of(corpus.get(3), corpus.get(1)));
        assertThat(r.items()).containsExactly(3, 1);
        assertThat(r.hallucinations()).isZero();
    }
}
