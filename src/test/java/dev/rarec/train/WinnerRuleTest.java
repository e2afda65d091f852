package dev.rarec.train;

import dev.rarec.train.WinnerRule.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WinnerRuleTest {

    @Test
    void labelInBothSetsTheHigherRankWins() {
        assertThat(WinnerRule.decide(List.of(5, 9, 1), List.of(9, 7, 8), Set.of(9))).isEqualTo(Outcome.SECOND);
        assertThat(WinnerRule.decide(List.of(9, 5, 1), List.of(7, 9, 8), Set.of(9))).isEqualTo(Outcome.FIRST);
    }

    @Test
    void labelInOneSetThatSetWinsWhereverItIsRanked() {
        assertThat(WinnerRule.decide(List.of(1, 2, 9), List.of(3, 4, 5), Set.of(9))).isEqualTo(Outcome.FIRST);
        assertThat(WinnerRule.decide(List.of(1, 2, 3), List.of(3, 4, 9), Set.of(9, 8))).isEqualTo(Outcome.SECOND);
    }

    @Test
    void labelInNeitherSetHasNoPreference() {
        Outcome o = WinnerRule.decide(List.of(1, 2), List.of(3, 4), Set.of(9));
        assertThat(o).isEqualTo(Outcome.NEITHER);
        assertThat(o.decided()).isFalse();
    }

    @Test
    void equalBestRankIsBrokenByTheOtherLabelsThenTies() {
        assertThat(WinnerRule.decide(List.of(9, 8, 1), List.of(9, 1, 8), Set.of(9, 8))).isEqualTo(Outcome.FIRST);
        assertThat(WinnerRule.decide(List.of(9, 1), List.of(9, 2), Set.of(9))).isEqualTo(Outcome.TIE);
    }

    @Test
    void rewardIsNdcgOfTheRanking() {
        assertThat(Reward.ndcg(List.of(9, 1, 2), Set.of(9))).isEqualTo(1.0);
        assertThat(Reward.ndcg(List.of(1, 9, 2), Set.of(9))).isCloseTo(1 / (Math.log(3) / Math.log(2)), within(1e-12));
        assertThat(Reward.ndcg(List.of(1, 2, 3), Set.of(9))).isZero();
        // two targets, one ranked first: DCG 1 over the ideal 1 + 1/log2(3)
        assertThat(Reward.ndcg(List.of(9, 1, 2), Set.of(9, 7))).isCloseTo(1 / (1 + Math.log(2) / Math.log(3)), within(1e-12));
    }
}
