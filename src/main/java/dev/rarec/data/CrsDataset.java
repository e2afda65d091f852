package dev.rarec.data;

import java.util.List;

/**
 * One split of a conversational recommendation dataset, ready for training or evaluation.
 *
 * @param name          dataset name ({@code redial}, {@code inspired}, {@code redial-seq}, {@code redial-he}, {@code inspired-he})
 * @param split         {@code train}, {@code valid} or {@code test}
 * @param conversations the conversations read (for {@code *-he}: one per sample, context + the recommender turn)
 * @param examples      the recommendation points cut from them (section 3.3)
 * @param links         mention linking coverage and the records the readers left out
 */
public record CrsDataset(String name, String split, List<Conversation> conversations, List<CrsExample> examples, LinkStats links) {
    public CrsDataset {
        conversations = List.copyOf(conversations);
        examples = List.copyOf(examples);
    }
}
