package dev.rarec.eval;

/**
 * One row of the He et al. (2023) protocol: one ground-truth target of one example.
 *
 * @param exampleId     {@code conversationId#turnIndex} of the example
 * @param target        the target's corpus id
 * @param rank          0-based rank of the target in the pipeline's final list, or -1 when absent
 * @param candidateRank 0-based rank of the target in the retriever's candidate set, or -1 when absent
 */
public record TargetRow(String exampleId, int target, int rank, int candidateRank) {

    /** Whether the retriever put the target among the candidates (the generator can only rank those). */
    public boolean inCandidates() {
        return candidateRank >= 0;
    }
}
