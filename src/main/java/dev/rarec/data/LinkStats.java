package dev.rarec.data;

import dev.rarec.corpus.BadRecord;

import java.util.List;

/**
 * How well a dataset's movie mentions were linked to the corpus, and what its readers left out.
 *
 * @param mentions               movie mentions the dataset annotates (see docs/data.md for what counts per dataset)
 * @param linked                 those mapped to a corpus id
 * @param examplesWithoutTargets recommendation turns dropped because every item was mentioned before or unlinked
 * @param malformed              records the readers could not use, with file, line and reason
 * @param unlinkedSample         up to 20 mentions that could not be linked, as written in the data
 */
public record LinkStats(int mentions, int linked, int examplesWithoutTargets, List<BadRecord> malformed, List<String> unlinkedSample) {
    public LinkStats {
        malformed = List.copyOf(malformed);
        unlinkedSample = List.copyOf(unlinkedSample);
    }

    /** Fraction of mentions linked (1 when there are none). */
    public double coverage() {
        return mentions == 0 ? 1.0 : linked / (double) mentions;
    }
}
