package dev.rarec.data;

import java.util.List;

/** A whole conversation C = (r_t, s_t, I_t), t = 1..T, with its dataset-level id. */
public record Conversation(String id, List<Turn> turns) {
    public Conversation {
        turns = List.copyOf(turns);
    }
}
