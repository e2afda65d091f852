package dev.rarec.data.fetch;

/** What a fetch reports while it runs; the command line prints it, tests record it. */
public interface FetchListener {
    /** A licence line of a dataset about to be fetched, before any download. */
    default void licence(String line) {}

    /** Bytes of one original received so far, and of the whole run. */
    default void progress(Original original, long done, long totalDone, long totalBytes) {}

    /** Something worth saying: a retry, a resume, a server that ignored Range, a hash that is not enforced. */
    default void message(String text) {}

    /** A layout file is done: fetched, already present and verified, or failed (detail says why). */
    default void fileDone(LayoutFile file, FetchSummary.Outcome outcome, String detail) {}
}
