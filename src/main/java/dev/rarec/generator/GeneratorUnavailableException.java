package dev.rarec.generator;

/**
 * The generator cannot rank anything in this run: the endpoint refused the key, does not know the model
 * or the URL, has no quota left, does not answer in the chat API's shape, or asks to wait longer than a
 * call may; or the built-in generator is misconfigured (item embeddings missing or made by another encoder). Unlike a {@link GeneratorException} (one example got no ranking), this is not counted as an
 * example failure: evaluation and training stop at the first one, with its message, instead of paying
 * for calls that cannot succeed.
 */
public class GeneratorUnavailableException extends RuntimeException {
    public GeneratorUnavailableException(String message) {
        super(message);
    }

    public GeneratorUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
