package dev.rarec.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CrsExamplesTest {

    private static Turn seeker(Integer... items) {
        return new Turn(Role.SEEKER, "s", List.of(items));
    }

    private static Turn recommender(Integer... items) {
        return new Turn(Role.RECOMMENDER, "r", List.of(items));
    }

    @Test
    void cutsAtEachRecommenderTurnAndRemovesTargetsMentionedBefore() {
        Conversation c = new Conversation("c1", List.of(seeker(1), recommender(2, 1), seeker(3), recommender(1), recommender(4)));
        CrsExamples.Cut cut = CrsExamples.cut(c);

        assertThat(cut.examples()).hasSize(2);
        CrsExample first = cut.examples().get(0);
        assertThat(first.turnIndex()).isEqualTo(1);
        assertThat(first.context()).containsExactly(c.turns().get(0));
        assertThat(first.historyItems()).containsExactly(1);
        assertThat(first.targets()).as("1 was already mentioned by the seeker").containsExactly(2);

        CrsExample second = cut.examples().get(1);
        assertThat(second.turnIndex()).isEqualTo(4);
        assertThat(second.context()).hasSize(4);
        assertThat(second.historyItems()).as("ordered by latest mention").containsExactly(2, 3, 1);
        assertThat(second.targets()).containsExactly(4);

        assertThat(cut.turnsWithoutTargets()).as("turn 3 only repeats item 1").isEqualTo(1);
    }

    @Test
    void historyKeepsTheMostRecentSixtyFourItems() {
        List<Integer> many = new ArrayList<>();
        for (int i = 0; i < 70; i++) many.add(i);
        Conversation c = new Conversation("c2", List.of(new Turn(Role.SEEKER, "lots", many), recommender(100)));
        CrsExample e = CrsExamples.cut(c).examples().get(0);
        assertThat(e.historyItems()).hasSize(CrsExample.MAX_HISTORY);
        assertThat(e.historyItems().get(0)).isEqualTo(6);
        assertThat(e.historyItems().get(63)).isEqualTo(69);
        assertThat(e.targets()).containsExactly(100);
    }

    @Test
    void recommenderTurnsWithoutItemsAreNotRecommendationPoints() {
        Conversation c = new Conversation("c3", List.of(seeker(), recommender(), seeker(5)));
        CrsExamples.Cut cut = CrsExamples.cut(c);
        assertThat(cut.examples()).isEmpty();
        assertThat(cut.turnsWithoutTargets()).isZero();
    }
}
