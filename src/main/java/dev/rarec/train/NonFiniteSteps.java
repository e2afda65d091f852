package dev.rarec.train;

/**
 * The one rule every trainer applies to a step whose loss or gradient is not finite: the retriever leaves
 * θ as it was ({@link dev.rarec.retriever.TrainableRetriever#step}), the batch is skipped and not counted
 * as a step, one line says so, and {@value #MAX_IN_A_ROW} such steps in a row stop the run (a diverged
 * model, not a bad batch).
 */
final class NonFiniteSteps {
    static final int MAX_IN_A_ROW = 5;

    private final TrainingListener listener;
    private int inARow;
    private long skipped;

    NonFiniteSteps(TrainingListener listener) {
        this.listener = listener;
    }

    /**
     * Applies the rule to the loss a step returned.
     *
     * @param step the step's number, for the message
     * @return whether the step counts (its loss was finite)
     * @throws IllegalStateException at the {@value #MAX_IN_A_ROW}th non-finite step in a row
     */
    boolean accept(double loss, long step) {
        if (Double.isFinite(loss)) {
            inARow = 0;
            return true;
        }
        skipped++;
        inARow++;
        listener.onMessage("step " + step + ": loss " + loss + " is not finite; batch skipped, θ unchanged (" + inARow + " in a row)");
        if (inARow >= MAX_IN_A_ROW) {
            throw new IllegalStateException("loss was not finite for " + inARow + " steps in a row (last at step " + step
                    + "): the model diverged; lower the learning rate or check the data");
        }
        return false;
    }

    /** Batches skipped so far. */
    long skipped() {
        return skipped;
    }
}
