package dev.rarec.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a pretraining run achieved. The model handed to {@link Pretrainer#run} holds the best checkpoint's
 * parameters when the run returns.
 *
 * @param bestValidation          validation metrics of the best checkpoint (ndcg@10, recall@10, ...)
 * @param bestStep                optimiser step of the best checkpoint
 * @param steps                   optimiser steps taken in total (across resumes)
 * @param epochs                  epochs completed (fractional when stopped mid-epoch)
 * @param stopReason              "epochs done", "early stop" or "time limit"
 * @param wallSeconds             wall time of training and validation (across resumes)
 * @param trainSequencesPerSecond training windows per second, validation excluded
 * @param bestCheckpoint          folder of the best checkpoint (config, parameters, provenance)
 * @param history                 one entry per validation: step, epoch, loss, metrics
 */
public record PretrainResult(Map<String, Double> bestValidation, long bestStep, long steps, double epochs,
                             String stopReason, double wallSeconds, double trainSequencesPerSecond,
                             Path bestCheckpoint, List<Map<String, Object>> history) {

    public double bestValidNdcg10() {
        return bestValidation.getOrDefault("ndcg@10", 0.0);
    }
}
