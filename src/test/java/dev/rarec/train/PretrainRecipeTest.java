package dev.rarec.train;

import dev.rarec.TestData;
import dev.rarec.data.Ml1mSequences;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PretrainRecipeTest {
    private static int[] range(int n) {
        int[] s = new int[n];
        for (int i = 0; i < n; i++) s[i] = i;
        return s;
    }

    @Test
    void theLrurecCodeKeepsTheLastWindowOfAShortHistoryAndDropsTheRemainderOfALongOne() {
        List<int[]> w = PretrainRecipe.LRUREC_CODE.windows(List.of(range(5), range(250), range(450)), 200, false);
        assertThat(w).hasSize(4);
        assertThat(w.get(0)).containsExactly(range(5));
        // 250 items: only the last 200 transitions (201 items); the first 49 are never targets
        assertThat(w.get(1)).hasSize(201).startsWith(49).endsWith(249);
        // 450 items: windows of 200 items from the end, the first 50 items dropped
        assertThat(w.get(2)).hasSize(200).startsWith(250).endsWith(449);
        assertThat(w.get(3)).hasSize(200).startsWith(50).endsWith(249);
        assertThat(PretrainRecipe.DEFAULT.windows(List.of(range(250)), 200, false)).hasSize(2);
    }

    /** The authors' loader gives ml-1m 7,077 windows (56 batches of 128); the same rule here must too. */
    @Test
    void onMl1mTheLrurecCodeHasTheAuthorsWindowCount() {
        Ml1mSequences data = Ml1mSequences.read(TestData.dataDir());
        assertThat(PretrainRecipe.LRUREC_CODE.windows(data.train(), 200, false)).hasSize(7077);
        assertThat(PretrainRecipe.LRUREC_CODE.selectionMetric()).isEqualTo("recall@10");
        assertThat(PretrainRecipe.DEFAULT.selectionMetric()).isEqualTo("ndcg@10");
    }
}
