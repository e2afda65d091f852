package dev.rarec.data;

/** Who speaks a turn (section 3.1): the seeker asks, the recommender recommends. */
public enum Role {
    SEEKER, RECOMMENDER;

    /** "User" / "System" labels used when a conversation is shown to a generator. */
    public String label() {
        return this == SEEKER ? "User" : "System";
    }
}
