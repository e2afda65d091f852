package dev.rarec.generator;

/** A generator could not produce a ranking (the endpoint kept failing, or answered nothing usable). */
public class GeneratorException extends RuntimeException {
    public GeneratorException(String message, Throwable cause) {
        super(message, cause);
    }

    public GeneratorException(String message) {
        super(message);
    }
}
