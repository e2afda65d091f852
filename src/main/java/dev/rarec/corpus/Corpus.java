package dev.rarec.corpus;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.rarec.util.AtomicFiles;
import dev.rarec.util.Hashing;
import dev.rarec.util.Json;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The unified movie corpus: every movie any dataset mentions, with stable integer ids equal to
 * list positions, so that item ids index embedding rows and retriever scores directly.
 * Immutable once built.
 */
public final class Corpus {
    public static final String FILE = "movies.jsonl.gz";
    /** Other titles of the movies (id → titles), written beside {@link #FILE} when there are any. */
    public static final String TITLES_FILE = "titles.jsonl.gz";

    private final List<Movie> movies;
    private final Map<Integer, List<String>> alternativeTitles;
    private final Map<String, Integer> byImdb = new HashMap<>();
    private final String contentHash;
    /** {@link EnglishWords} of this corpus, computed on first use: the title detector and the person index both read it. */
    private volatile Set<String> englishWords;

    public Corpus(List<Movie> movies) {
        this(movies, Map.of());
    }

    /**
     * A corpus whose movies are also known under other titles ("Se7en" for "Seven",
     * "Spider-Man: Homecoming" for MovieLens' "Untitled Spider-Man Reboot"): title linking and
     * mention detection use them; the content hash does not, as embeddings never see them.
     */
    public Corpus(List<Movie> movies, Map<Integer, List<String>> alternativeTitles) {
        this.movies = List.copyOf(movies);
        Map<Integer, List<String>> alt = new HashMap<>();
        alternativeTitles.forEach((id, titles) -> {
            if (id < 0 || id >= this.movies.size()) throw new IllegalArgumentException("alternative titles for unknown movie id " + id);
            if (!titles.isEmpty()) alt.put(id, List.copyOf(titles));
        });
        this.alternativeTitles = Map.copyOf(alt);
        StringBuilder hashInput = new StringBuilder();
        for (int i = 0; i < this.movies.size(); i++) {
            Movie m = this.movies.get(i);
            if (m.id() != i) {
                throw new IllegalArgumentException("movie id " + m.id() + " at position " + i + ": ids must equal positions");
            }
            if (!m.imdbId().isEmpty()) byImdb.putIfAbsent(m.imdbId(), i);
            hashInput.append(m.keyValueText()).append('\n');
        }
        this.contentHash = Hashing.sha256(hashInput.toString()).substring(0, 16);
    }

    public int size() {
        return movies.size();
    }

    public Movie get(int id) {
        return movies.get(id);
    }

    public List<Movie> movies() {
        return movies;
    }

    public Optional<Movie> byImdbId(String imdbId) {
        Integer id = byImdb.get(imdbId);
        return id == null ? Optional.empty() : Optional.of(movies.get(id));
    }

    /** Other titles a movie is known by (not including {@link Movie#title()}); empty when none. */
    public List<String> alternativeTitles(int id) {
        return alternativeTitles.getOrDefault(id, List.of());
    }

    /** A hash of every movie's key-value text: embeddings and checkpoints record it to detect a stale corpus. */
    public String contentHash() {
        return contentHash;
    }

    public void save(Path dir) {
        AtomicFiles.write(dir.resolve(FILE), out -> {
            try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(out), StandardCharsets.UTF_8))) {
                for (Movie m : movies) {
                    w.write(Json.MAPPER.writeValueAsString(m));
                    w.newLine();
                }
            }
        });
        if (alternativeTitles.isEmpty()) {
            try {
                Files.deleteIfExists(dir.resolve(TITLES_FILE));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the stale " + dir.resolve(TITLES_FILE), e);
            }
            return;
        }
        AtomicFiles.write(dir.resolve(TITLES_FILE), out -> {
            try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(out), StandardCharsets.UTF_8))) {
                for (int id = 0; id < movies.size(); id++) {
                    List<String> alt = alternativeTitles.get(id);
                    if (alt == null) continue;
                    w.write(Json.MAPPER.writeValueAsString(new AlternativeTitles(id, alt)));
                    w.newLine();
                }
            }
        });
    }

    /** One line of {@link #TITLES_FILE}. */
    record AlternativeTitles(int id, List<String> titles) {}

    public static boolean existsIn(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    public static Corpus load(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no corpus at " + file + ": run `rarec corpus build` first");
        }
        ObjectReader reader = Json.MAPPER.readerFor(Movie.class);
        List<Movie> movies = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                try {
                    movies.add(reader.readValue(line));
                } catch (IOException e) {
                    throw new IllegalStateException(file + " line " + lineNo + ": not a movie record: " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<Integer, List<String>> alt = new HashMap<>();
        Path titles = dir.resolve(TITLES_FILE);
        if (Files.isRegularFile(titles)) {
            ObjectReader altReader = Json.MAPPER.readerFor(AlternativeTitles.class);
            try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(titles)), StandardCharsets.UTF_8))) {
                String line;
                int lineNo = 0;
                while ((line = r.readLine()) != null) {
                    lineNo++;
                    try {
                        AlternativeTitles a = altReader.readValue(line);
                        alt.put(a.id(), a.titles());
                    } catch (IOException e) {
                        throw new IllegalStateException(titles + " line " + lineNo + ": not an alternative-titles record: " + e.getMessage(), e);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + titles, e);
            }
        }
        return new Corpus(movies, alt);
    }

    /** The plots' ordinary English words ({@link EnglishWords}), scanned once per corpus. */
    public Set<String> englishWords() {
        Set<String> words = englishWords;
        if (words == null) englishWords = words = Set.copyOf(EnglishWords.of(this));
        return words;
    }
}
