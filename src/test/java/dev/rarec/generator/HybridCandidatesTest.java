package dev.rarec.generator;

import dev.rarec.corpus.Corpus;
import dev.rarec.data.Role;
import dev.rarec.data.Turn;
import dev.rarec.retriever.ScoredItem;
import dev.rarec.understanding.Constraints;
import dev.rarec.understanding.Genre;
import dev.rarec.understanding.UserIntent;
import dev.rarec.understanding.YearRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

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
                new HybridCandidates.Weights(1, 0, 0.25, 0, 0, 0));
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
}
