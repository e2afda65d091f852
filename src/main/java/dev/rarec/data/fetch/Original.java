package dev.rarec.data.fetch;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * One public original behind a layout file: its pinned URL, the SHA-256 and size it must have.
 *
 * @param url    pinned origin, e.g. {@code https://raw.githubusercontent.com/owner/repo/commit/path}
 * @param sha256 lower-case hex SHA-256 of the original's bytes
 * @param bytes  the original's size
 */
public record Original(String url, String sha256, long bytes) {

    /** The URL to download from: the origin, or with scheme and host replaced by {@code mirror} (may be null). */
    public URI source(String mirror) {
        URI origin = URI.create(url);
        if (mirror == null || mirror.isBlank()) return origin;
        String base = mirror.endsWith("/") ? mirror.substring(0, mirror.length() - 1) : mirror;
        return URI.create(base + origin.getRawPath());
    }

    /**
     * The {@code owner/repo:path} name of a GitHub raw URL ({@code raw.githubusercontent.com/owner/repo/commit/path}),
     * as the merged ReDial train file cites its copies in {@code _sources}.
     */
    String repositoryPath() {
        String[] parts = URI.create(url).getRawPath().substring(1).split("/", 4);
        if (parts.length < 4) throw new IllegalStateException("not a raw GitHub URL (owner/repo/commit/path): " + url);
        return parts[0] + "/" + parts[1] + ":" + URLDecoder.decode(parts[3], StandardCharsets.UTF_8);
    }
}
