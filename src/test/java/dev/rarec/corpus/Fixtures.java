package dev.rarec.corpus;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes the small data files the corpus and data tests build their fixtures from. */
public final class Fixtures {
    private Fixtures() {}

    /** Writes {@code text} to {@code root/relative}, gzipped when the name ends in {@code .gz}. */
    public static Path write(Path root, String relative, String text) {
        Path file = root.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = relative.endsWith(".gz") ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A movie with the fields the matching logic looks at. */
    public static Movie movie(int id, String imdb, String title, int year, List<String> sources) {
        return new Movie(id, imdb, title, year, List.of("Drama"), "", List.of(), "", sources);
    }
}
