package dev.rarec.eval;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * The same examples evaluated at several retrieval sizes (figure 3 of the paper).
 *
 * @param dataset dataset name
 * @param method  method name
 * @param sizes   retrieval sizes, in the order evaluated
 * @param results one result per size
 */
public record SweepResult(String dataset, String method, List<Integer> sizes, List<EvalResult> results) {

    /** The paper's sizes: 5 to 45 in steps of 10. */
    public static final List<Integer> DEFAULT_SIZES = List.of(5, 15, 25, 35, 45);

    /** "No sweep", so that {@code metrics.json} never holds a null. */
    public static final SweepResult NONE = new SweepResult("", "", List.of(), List.of());

    public SweepResult {
        dataset = dataset == null ? "" : dataset;
        method = method == null ? "" : method;
        sizes = List.copyOf(sizes);
        results = List.copyOf(results);
        if (sizes.size() != results.size()) {
            throw new IllegalArgumentException(sizes.size() + " sizes but " + results.size() + " results");
        }
    }

    @JsonIgnore
    public boolean isEmpty() {
        return sizes.isEmpty();
    }

    /** This sweep without per-target rows. */
    public SweepResult withoutRows() {
        return new SweepResult(dataset, method, sizes, results.stream().map(EvalResult::withoutRows).toList());
    }
}
