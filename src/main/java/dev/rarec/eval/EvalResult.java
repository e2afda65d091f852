package dev.rarec.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one evaluation run measured. Serialises to JSON as is ({@link dev.rarec.util.Json}).
 *
 * @param dataset              dataset name from the options
 * @param method               method name from the options
 * @param generator            the pipeline's generator name
 * @param retrievalSize        candidates per example
 * @param ks                   cut-offs of {@code metrics}
 * @param ciMethod             {@code normal} or {@code bootstrap-N}
 * @param examples             examples given
 * @param examplesEvaluated    examples the pipeline answered
 * @param examplesWithoutTargets examples skipped because every target had already been mentioned
 * @param failures             examples whose generator call failed
 * @param targets              targets of the answered and the failed examples: the denominator of {@code metrics}
 * @param failedTargets        of those, the targets of failed examples (misses in {@code metrics}, absent from
 *                             {@code answeredMetrics})
 * @param excludedTargets      targets left out because the conversation had already mentioned them
 * @param metrics              {@code ndcg@k} and {@code recall@k} of the final list over every example with a target: a
 *                             failed example scores 0, so failures cannot flatter a run (the headline, and what
 *                             training selects checkpoints on)
 * @param answeredMetrics      the same over the answered examples only
 * @param candidateRecall      {@code recall@k} of the retriever's candidate set (the generator's ceiling), answered examples
 * @param generatedLines       recommendation lines the generator produced
 * @param hallucinatedLines    lines that matched no candidate
 * @param hallucinationRate    hallucinated / generated lines (0 when none were generated)
 * @param groups               popularity groups ({@code unseen}, {@code seen}) when the options gave a popularity set,
 *                             over every example like {@code metrics}
 * @param timings              per-example latencies and wall time
 * @param failedExamples       the failed examples with their error messages
 * @param rows                 the per-target rows of the answered examples, in example order
 */
public record EvalResult(String dataset, String method, String generator, int retrievalSize, List<Integer> ks,
                         String ciMethod, int examples, int examplesEvaluated, int examplesWithoutTargets,
                         int failures, int targets, int failedTargets, int excludedTargets,
                         Map<String, Estimate> metrics, Map<String, Estimate> answeredMetrics, Map<String, Estimate> candidateRecall,
                         long generatedLines, long hallucinatedLines, double hallucinationRate,
                         Map<String, Group> groups, Timings timings, List<Failure> failedExamples,
                         List<TargetRow> rows) {

    public static final String UNSEEN = "unseen";
    public static final String SEEN = "seen";

    public EvalResult {
        ks = List.copyOf(ks);
        metrics = ordered(metrics);
        answeredMetrics = ordered(answeredMetrics);
        candidateRecall = ordered(candidateRecall);
        groups = ordered(groups);
        failedExamples = List.copyOf(failedExamples);
        rows = List.copyOf(rows);
    }

    /** The metrics of one popularity group. */
    public record Group(int targets, Map<String, Estimate> metrics) {
        public Group {
            metrics = ordered(metrics);
        }
    }

    /**
     * Latencies per evaluated example in milliseconds (nearest-rank percentiles) and the run's wall time.
     * Under concurrency, a latency includes waiting for shared resources such as the LLM endpoint.
     */
    public record Timings(double retrieveP50, double retrieveP99, double generateP50, double generateP99,
                          double totalP50, double totalP99, double wallSeconds) {}

    /** An example whose generator call failed. */
    public record Failure(String exampleId, String message) {}

    /** An immutable copy that keeps the insertion order, so reports list ndcg@1 before ndcg@5. */
    static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** The mean of a metric such as {@code ndcg@10} over every example (failures score 0), or 0 when it was not computed. */
    public double mean(String metric) {
        Estimate e = metrics.get(metric);
        return e == null ? 0 : e.mean();
    }

    /** This result without its per-target rows, for summaries such as {@code metrics.json}. */
    public EvalResult withoutRows() {
        return new EvalResult(dataset, method, generator, retrievalSize, ks, ciMethod, examples, examplesEvaluated,
                examplesWithoutTargets, failures, targets, failedTargets, excludedTargets, metrics, answeredMetrics, candidateRecall, generatedLines,
                hallucinatedLines, hallucinationRate, groups, timings, failedExamples, List.of());
    }
}
