package dev.rarec.data.fetch;

import java.util.List;

/** The outcome of every layout file of one fetch. */
public record FetchSummary(List<Result> results) {
    /** What happened to a layout file. */
    public enum Outcome { FETCHED, PRESENT, FAILED }

    /** One layout file's outcome; {@code detail} says why it failed or what to know about it. */
    public record Result(String path, Outcome outcome, String detail) {}

    public FetchSummary {
        results = List.copyOf(results);
    }

    public long count(Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    public List<Result> failures() {
        return results.stream().filter(r -> r.outcome() == Outcome.FAILED).toList();
    }

    /** "fetched 12, already present and verified 3, failed 0". */
    public String line() {
        return "fetched " + count(Outcome.FETCHED) + ", already present and verified " + count(Outcome.PRESENT)
                + ", failed " + count(Outcome.FAILED);
    }
}
