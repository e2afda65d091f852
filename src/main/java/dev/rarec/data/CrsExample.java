package dev.rarec.data;

import java.util.List;

/**
 * One recommendation point of section 3.3: the conversation is cut at a recommender turn.
 *
 * @param conversationId the conversation it was cut from
 * @param turnIndex      index of the recommender turn in that conversation
 * @param context        the turns before it (s_1 .. s_{t-1})
 * @param historyItems   items mentioned before it, oldest first, at most {@link #MAX_HISTORY} (most recent kept)
 * @param targets        items the recommender mentions in that turn that were not mentioned before
 */
public record CrsExample(String conversationId, int turnIndex, List<Turn> context,
                         List<Integer> historyItems, List<Integer> targets) {
    public static final int MAX_HISTORY = 64;

    public CrsExample {
        context = List.copyOf(context);
        historyItems = List.copyOf(historyItems);
        targets = List.copyOf(targets);
    }
}
