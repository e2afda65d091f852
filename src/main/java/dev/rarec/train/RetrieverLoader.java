package dev.rarec.train;

import dev.rarec.retriever.OptimizerConfig;
import dev.rarec.retriever.TrainableRetriever;

import java.nio.file.Path;

/**
 * Opens a saved retriever for training. Trainers call it for the initial retriever, for the frozen
 * reference π_ref, and with the last checkpoint when a run resumes, so the train package never needs to
 * know which model class it trains. The caller's implementation applies the run's dropout.
 */
@FunctionalInterface
public interface RetrieverLoader {

    /**
     * @param checkpoint     a directory written by {@link TrainableRetriever#save} (and {@link #saveTrainingState})
     * @param optimizer      the optimiser and learning-rate schedule of this run
     * @param completedSteps optimisation steps already taken in this run (0 for a fresh run or the reference):
     *                       when above 0, restore the optimiser state saved beside the checkpoint so the schedule
     *                       and moments continue where they stopped
     */
    TrainableRetriever open(Path checkpoint, OptimizerConfig optimizer, int completedSteps);

    /**
     * Saves, beside the parameters {@link TrainableRetriever#save} wrote into {@code dir}, what {@link #open}
     * needs to continue training exactly (e.g. AdamW's moments and step count). Called for every last-state
     * checkpoint. Without it a resumed run continues from the same weights with fresh optimiser moments.
     */
    default void saveTrainingState(TrainableRetriever retriever, Path dir) {}
}
