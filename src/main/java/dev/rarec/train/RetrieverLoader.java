package dev.rarec.train;

import dev.rarec.retriever.OptimizerConfig;
import dev.rarec.retriever.TrainableRetriever;

import java.nio.file.Path;

/**
 * Opens a saved retriever for training. Trainers call it for the initial retriever, for the frozen
 * reference π_ref, and with the last checkpoint when a run resumes, so the trainer never needs to know
 * which model class it trains. The caller's implementation applies the run's dropout.
 */
@FunctionalInterface
public interface RetrieverLoader {

    /**
     * @param checkpoint     a directory written by {@link TrainableRetriever#save}
     * @param optimizer      the optimiser and learning-rate schedule of this run
     * @param completedSteps optimisation steps already taken in this run (0 for a fresh run): the schedule
     *                       continues from there, and optimiser moments saved with the checkpoint are restored
     */
    TrainableRetriever open(Path checkpoint, OptimizerConfig optimizer, int completedSteps);
}
