package dev.rarec.generator;

import dev.rarec.RealCorpus;
import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Movie;
import dev.rarec.data.Role;
import dev.rarec.data.Turn;
import dev.rarec.embed.CountingEncoder;
import dev.rarec.retriever.ScoredItem;
import dev.rarec.understanding.Constraints;
import dev.rarec.understanding.Genre;
import dev.rarec.understanding.UserIntent;
import dev.rarec.understanding.YearRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What the hybrid source proposes and excludes; and its whole-corpus scan, kept in per-item arrays and
 * four-row dot products for speed (serve's latency under load), held to the plain definitions value for value.
 */
class HybridCandidatesTest {
    private static final Corpus CORPUS = SurfaceFixtures.corpus();

    /** History Heat (0); the user named Se7en (5) and disliked Pulp Fiction (8); the assistant suggested Ronin (3); "no sci-fi". */
    private static final List<Turn> CONTEXT = List.of(
            new Turn(Role.SEEKER, "I loved Heat and Se7en but Pulp Fiction was boring. No sci-fi please.", List.of(0, 5, 8)),
            new Turn(Role.RECOMMENDER, "How about Ronin?", List.of(3)));
    private static final UserIntent INTENT = new UserIntent(List.of(0, 5), List.of(8), List.of(3),
            new Constraints(YearRange.ANY, Set.of(), Set.of(Genre.SCI_FI), Set.of(), Set.of()), List.of());

    private static HybridCandidates hybrid() {
        // no text query is read here (no requests, no liked movies in the query's weight), so no encoder is needed
        return new HybridCandidates(CORPUS, SurfaceFixtures.genreRetriever(CORPUS), new float[CORPUS.size()][4], null,
                new HybridCandidates.Weights(1, 0, 0.25, 0, 0, 0, 0));
    }

    @Test
    void theWordsOfARequestFindTheFilmsWhosePlotsSayThem() {
        HybridCandidates plotOnly = new HybridCandidates(CORPUS, SurfaceFixtures.genreRetriever(CORPUS), new float[CORPUS.size()][4], null,
                new HybridCandidates.Weights(0, 0, 0, 0, 0, 0, 1));
        UserIntent asked = new UserIntent(List.of(), List.of(), List.of(), Constraints.NONE, List.of(), List.of("a movie about a heist"));
        // Heat's plot ends "at their latest heist"; no other plot says it.
        assertThat(plotOnly.candidates(List.of(), List.of(), asked, 1)).extracting(ScoredItem::item).containsExactly(0);
        UserIntent timeLoop = new UserIntent(List.of(), List.of(), List.of(), Constraints.NONE, List.of(), List.of("stuck in a time loop"));
        assertThat(plotOnly.candidates(List.of(), List.of(), timeLoop, 1)).extracting(ScoredItem::item).containsExactly(6);
    }

    @Test
    void excludesEveryNamedFilmAndWhatTheUserRuledOut() {
        Set<Integer> excluded = hybrid().excluded(CONTEXT, List.of(0), INTENT);
        // named: Heat, Se7en, Pulp Fiction, Ronin; sci-fi: The Matrix (1), Blade Runner (4), Back to the Future (7), Terminator 2 (10)
        assertThat(excluded).containsExactlyInAnyOrder(0, 5, 8, 3, 1, 4, 7, 10);
    }

    @Test
    void neverOffersAnExcludedItemAndThePaperSourceExcludesOnlyTheHistory() {
        HybridCandidates hybrid = hybrid();
        Set<Integer> excluded = hybrid.excluded(CONTEXT, List.of(0), INTENT);
        List<Integer> offered = hybrid.candidates(CONTEXT, List.of(0), INTENT, CORPUS.size()).stream().map(ScoredItem::item).toList();
        assertThat(offered).hasSize(CORPUS.size() - excluded.size()).doesNotContainAnyElementsOf(excluded);

        assertThat(new PaperCandidates(SurfaceFixtures.genreRetriever(CORPUS)).excluded(CONTEXT, List.of(0), INTENT)).containsExactly(0);
    }


    @Test
    void dotsAreDotBitForBit() {
        Random random = new Random(7);
        for (int rows : new int[] {0, 1, 3, 4, 5, 11, 1000}) {
            for (int dim : new int[] {4, 8, 384}) {
                float[][] matrix = new float[rows][dim];
                for (float[] row : matrix) for (int d = 0; d < dim; d++) row[d] = (float) random.nextGaussian();
                float[] q = new float[dim];
                for (int d = 0; d < dim; d++) q[d] = (float) random.nextGaussian();
                float[] got = TextIndex.dots(q, matrix);
                for (int i = 0; i < rows; i++) {
                    assertThat(Float.floatToRawIntBits(got[i])).as("row %d of %d, dim %d", i, rows, dim)
                            .isEqualTo(Float.floatToRawIntBits(TextIndex.dot(q, matrix[i])));
                }
            }
        }
    }

    @Test
    void perItemRulesAreTheConstraintsOwnOnTheRealCorpus() {
        Corpus corpus = RealCorpus.get();
        HybridCandidates hybrid = hybrid(corpus);
        List<Constraints> requests = List.of(
                Constraints.NONE,
                new Constraints(YearRange.decade(1960), Set.of(Genre.WESTERN), Set.of(), Set.of(), Set.of()),
                new Constraints(YearRange.ANY, Set.of(Genre.ROMANCE, Genre.COMEDY), Set.of(Genre.HORROR, Genre.ANIMATION), Set.of(), Set.of()),
                new Constraints(YearRange.ANY, Set.of(), Set.of(), Set.of("Tom Hanks", "Meryl Streep"), Set.of()),
                new Constraints(YearRange.ANY, Set.of(Genre.CRIME), Set.of(), Set.of("Martin Scorsese"), Set.of("Robert De Niro")),
                new Constraints(YearRange.ANY, Set.of(), Set.of(Genre.DRAMA), Set.of(), Set.of("Alfred Hitchcock", "Steven Spielberg")));
        for (Constraints c : requests) {
            boolean[] fulfils = hybrid.fulfils(c);
            boolean[] excluded = hybrid.ruledOut(c);
            // The hard rules are Constraints.excludes without the years (years only rank).
            Constraints anyYear = new Constraints(YearRange.ANY, c.genres(), c.excludedGenres(), c.people(), c.excludedPeople());
            int met = 0;
            for (int i = 0; i < corpus.size(); i++) {
                Movie m = corpus.get(i);
                assertThat(fulfils[i]).as("fulfils %s: %s", c, m.displayTitle()).isEqualTo(c.fulfils(m));
                assertThat(excluded[i]).as("excluded by %s: %s", c, m.displayTitle()).isEqualTo(anyYear.excludes(m));
                if (fulfils[i] && !excluded[i]) met++;
            }
            assertThat(met).as("movies meeting %s", c).isPositive();
        }
    }

    @Test
    void anEmptyHistoryRequestIsMetFirstAndNothingExcludedIsProposed() {
        Corpus corpus = RealCorpus.get();
        Constraints westerns = new Constraints(YearRange.decade(1960), Set.of(Genre.WESTERN), Set.of(Genre.COMEDY), Set.of(), Set.of());
        UserIntent intent = new UserIntent(List.of(), List.of(), List.of(), westerns, List.of("a western from the 60s, no comedy"));
        List<Turn> context = List.of(new Turn(Role.SEEKER, "a western from the 60s, no comedy", List.of()));
        List<ScoredItem> got = hybrid(corpus).candidates(context, List.of(), intent, 25);
        assertThat(got).hasSize(25);
        for (ScoredItem s : got) {
            Movie m = corpus.get(s.item());
            assertThat(m.year()).as(m.displayTitle()).isBetween(1960, 1969);
            assertThat(Genre.WESTERN.matches(m)).as(m.displayTitle()).isTrue();
            assertThat(Genre.COMEDY.matches(m)).as(m.displayTitle()).isFalse();
        }
    }

    /**
     * Only the items that can still reach the top k get their text scored; with k = the corpus size every one
     * does, which is the full scan. Both must give the same items and scores, bit for bit: with a history, with
     * constraints and no history, with dislikes, and with the text weighing against an item.
     */
    @Test
    void theTopKIsTheFullScansItemForItem() {
        Corpus corpus = RealCorpus.get();
        List<Turn> context = List.of(new Turn(Role.SEEKER, "something tense, like a heist", List.of(11, 4242)));
        Constraints eighties = new Constraints(YearRange.decade(1980), Set.of(Genre.CRIME), Set.of(Genre.HORROR), Set.of(), Set.of());
        List<UserIntent> intents = List.of(
                new UserIntent(List.of(11, 4242), List.of(), List.of(), Constraints.NONE, List.of("something tense, like a heist")),
                new UserIntent(List.of(), List.of(), List.of(), eighties, List.of("an 80s crime film, no horror", "something tense")),
                new UserIntent(List.of(11), List.of(4242, 777), List.of(31), Constraints.NONE, List.of("not that one")));
        for (HybridCandidates.Weights weights : List.of(HybridCandidates.Weights.DEFAULT, new HybridCandidates.Weights(1, -0.5, 0.25, 1, 0.5, 1, 1))) {
            HybridCandidates hybrid = hybrid(corpus, weights);
            for (UserIntent intent : intents) {
                List<ScoredItem> all = hybrid.candidates(context, intent.liked(), intent, corpus.size());
                for (int k : new int[] {1, 10, 25, 300}) {
                    assertThat(hybrid.candidates(context, intent.liked(), intent, k)).as("k = %d, %s, %s", k, weights, intent)
                            .isEqualTo(all.subList(0, k));
                }
            }
        }
    }

    /** The text signal's mean and spread come from the embeddings' moments; they are the full scan's, and bound every cosine. */
    @Test
    void theTextSpreadIsTheScansMeanAndDeviation() {
        Random random = new Random(11);
        float[][] items = new float[3000][384];
        for (float[] row : items) {
            double norm = 0;
            for (int d = 0; d < row.length; d++) {
                row[d] = (float) random.nextGaussian() + (d % 7 == 0 ? 0.5f : 0);
                norm += row[d] * row[d];
            }
            for (int d = 0; d < row.length; d++) row[d] /= (float) Math.sqrt(norm);
        }
        TextIndex index = new TextIndex(items);
        for (int t = 0; t < 20; t++) {
            float[] q = new float[384];
            for (int d = 0; d < q.length; d++) q[d] = (float) (random.nextGaussian() * (t + 1) / 10);
            float[] cosines = index.cosines(q);
            double sum = 0, sq = 0, max = 0;
            for (float c : cosines) sum += c;
            double mean = sum / cosines.length;
            for (float c : cosines) {
                sq += (c - mean) * (c - mean);
                max = Math.max(max, Math.abs(c));
            }
            double std = Math.sqrt(sq / cosines.length);
            TextIndex.Spread spread = index.spread(q);
            assertThat(spread.mean()).isCloseTo(mean, within(1e-6 * std));
            assertThat(spread.std()).isCloseTo(std, within(1e-6 * std));
            assertThat(spread.bound()).isGreaterThanOrEqualTo(max);
        }
    }

    private static HybridCandidates hybrid(Corpus corpus) {
        return hybrid(corpus, HybridCandidates.Weights.DEFAULT);
    }

    private static HybridCandidates hybrid(Corpus corpus, HybridCandidates.Weights weights) {
        int dim = 8;
        float[][] items = new float[corpus.size()][];
        for (int i = 0; i < items.length; i++) items[i] = CountingEncoder.vectorOf(corpus.get(i).displayTitle(), dim);
        return new HybridCandidates(corpus, SurfaceFixtures.genreRetriever(corpus), items, new CountingEncoder("test", dim), weights);
    }
}
