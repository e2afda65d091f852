package dev.rarec.retriever;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * A retriever whose parameters θ can be optimised: supervised (NLL) or from the generator's
 * feedback (DPO, SimPO, GRPO). Training code computes a loss from {@link #scores} and hands it to
 * {@link #step}; it never touches the model's blocks.
 */
public interface TrainableRetriever extends Retriever, AutoCloseable {

    /**
     * Scores s_j of every corpus item for each history, shape [histories.size(), numItems],
     * attached to {@code manager} and differentiable with respect to θ when called inside {@link #step}.
     *
     * @param training true applies dropout (training mode); false is the deterministic evaluation mode
     */
    NDArray scores(NDManager manager, List<List<Integer>> histories, boolean training);

    /**
     * One optimisation step: runs {@code loss} (which calls {@link #scores} with the manager it is
     * given) inside a gradient collector with a child manager, back-propagates, updates θ with the
     * configured optimiser and learning-rate schedule, then frees the step's arrays.
     *
     * @return the loss value
     */
    float step(Function<NDManager, NDArray> loss);

    /** Saves parameters and the config that made them into {@code dir} (atomically). */
    void save(Path dir);

    @Override
    void close();
}
