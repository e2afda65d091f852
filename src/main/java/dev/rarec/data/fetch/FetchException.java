package dev.rarec.data.fetch;

/** A file could not be fetched or did not verify; the message names the file, the URL and, for a mismatch, both hashes. */
public final class FetchException extends RuntimeException {
    public FetchException(String message) {
        super(message);
    }
}
