package dev.rarec.corpus;

/**
 * A record a reader could not use. Readers count and report these instead of dropping them
 * silently, so a figure computed from a dataset always says what it left out and why.
 *
 * @param file   the file (as given to the reader)
 * @param line   1-based line number where the record starts
 * @param reason what was wrong, naming the field when one is at fault
 */
public record BadRecord(String file, long line, String reason) {
    @Override
    public String toString() {
        return file + " line " + line + ": " + reason;
    }
}
