package dev.rarec.data;

import java.util.List;

/**
 * One turn (r_t, s_t, I_t) of a conversation.
 *
 * @param role  seeker or recommender
 * @param text  the utterance as a person would read it (mention markers replaced by titles)
 * @param items corpus ids of the movies mentioned in this turn, in order of mention, no repeats
 */
public record Turn(Role role, String text, List<Integer> items) {
    public Turn {
        text = text == null ? "" : text;
        items = List.copyOf(items == null ? List.of() : items);
    }
}
