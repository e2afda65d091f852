package dev.rarec.train;

import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;

/**
 * Which of two candidate sets is C_w (appendix A.2): if a label item is in both, the set whose generator
 * ranking puts a label higher; if in one, that set; if in neither, the pair carries no preference and
 * is re-drawn. Equal label ranks are broken by the NDCG over all labels; a pair still equal is a tie,
 * which carries no preference either.
 */
public final class WinnerRule {
    private WinnerRule() {}

    /** The verdict on a pair. */
    public enum Outcome {
        FIRST, SECOND, NEITHER, TIE;

        /** Whether the pair can train a pairwise loss. */
        public boolean decided() {
            return this == FIRST || this == SECOND;
        }
    }

    /**
     * @param rankedFirst  the generator's ranking of the first set, best first
     * @param rankedSecond the generator's ranking of the second set
     * @param targets      the label items I_t
     */
    public static Outcome decide(List<Integer> rankedFirst, List<Integer> rankedSecond, Collection<Integer> targets) {
        OptionalInt a = Reward.bestTargetRank(rankedFirst, targets);
        OptionalInt b = Reward.bestTargetRank(rankedSecond, targets);
        if (a.isEmpty() && b.isEmpty()) return Outcome.NEITHER;
        if (b.isEmpty()) return Outcome.FIRST;
        if (a.isEmpty()) return Outcome.SECOND;
        if (a.getAsInt() != b.getAsInt()) return a.getAsInt() < b.getAsInt() ? Outcome.FIRST : Outcome.SECOND;
        int byNdcg = Double.compare(Reward.ndcg(rankedFirst, targets), Reward.ndcg(rankedSecond, targets));
        return byNdcg > 0 ? Outcome.FIRST : byNdcg < 0 ? Outcome.SECOND : Outcome.TIE;
    }
}
