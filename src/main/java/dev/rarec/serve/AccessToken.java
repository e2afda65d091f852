package dev.rarec.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The shared secret a client must send as {@code Authorization: Bearer <token>}. It is read from an
 * environment variable (never from the command line, where {@code ps} would show it), compared in
 * constant time (both sides hashed first, so neither the content nor the length leaks through timing),
 * and never printed: {@link #toString()} hides it.
 */
public final class AccessToken {
    /** The environment variable {@code rarec serve} reads the token from by default. */
    public static final String DEFAULT_ENV = "RAREC_SERVE_TOKEN";
    /** Shorter tokens are refused: they can be guessed. */
    public static final int MIN_LENGTH = 16;

    private final byte[] digest;

    private AccessToken(String token) {
        this.digest = sha256(token);
    }

    public static AccessToken of(String token) {
        if (token == null || token.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException("an access token needs at least " + MIN_LENGTH + " characters");
        }
        return new AccessToken(token.strip());
    }

    /** The token in the environment variable {@code name}, if it is set and not blank. */
    public static Optional<AccessToken> fromEnvironment(String name, Function<String, String> environment) {
        String value = environment.apply(name);
        if (value == null || value.isBlank()) return Optional.empty();
        try {
            return Optional.of(of(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("$" + name + ": " + e.getMessage());
        }
    }

    /** True when {@code authorization} is {@code Bearer <this token>} (the scheme in any case). */
    public boolean admits(String authorization) {
        if (authorization == null) return false;
        String value = authorization.strip();
        if (value.length() < 7 || !value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) return false;
        return MessageDigest.isEqual(digest, sha256(value.substring(7).strip()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "AccessToken[hidden]";
    }
}
