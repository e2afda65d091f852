package dev.rarec.embed;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Movie;
import dev.rarec.util.AtomicFiles;
import dev.rarec.util.Json;
import dev.rarec.util.Provenance;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text embedding of every corpus item: a float32 matrix {@code [corpus.size(), dimension]}
 * whose row {@code i} is item {@code i}'s {@link Movie#keyValueText()} (appendix A.2) encoded by one
 * model, stored with a manifest naming that model and the corpus it was computed from.
 *
 * <p>On disk ({@code <home>/embeddings/<modelId>/}): {@code vectors.f32} (little-endian float32,
 * row-major, no header, so {@code numpy.fromfile(f, '<f4').reshape(n, d)} reads it),
 * {@code manifest.json} and {@code provenance.json}. The manifest is written last, so a folder
 * without one is an unfinished build. Loading checks the corpus hash and the model, because
 * embeddings of another corpus would silently score the wrong items.
 */
public final class ItemEmbeddings {
    public static final String VECTORS = "vectors.f32";
    public static final String MANIFEST = "manifest.json";
    /** How item texts are made; part of the manifest so a change of format is detected. */
    public static final String TEXT_FORMAT = "Movie.keyValueText/v1";
    /** Texts per encoder call (and per cache chunk) when the caller does not choose. */
    public static final int DEFAULT_BATCH_SIZE = 64;

    /** What {@code manifest.json} says about the matrix beside it. */
    public record Manifest(String modelId, int dimension, int size, String corpusHash, String textFormat, String createdAt) {}

    private final Manifest manifest;
    private final float[][] matrix;

    private ItemEmbeddings(Manifest manifest, float[][] matrix) {
        this.manifest = manifest;
        this.matrix = matrix;
    }

    /**
     * Embeddings held in memory only, e.g. for a synthetic corpus in a benchmark.
     *
     * @param matrix one row per item, each of the same length; kept, not copied
     */
    public static ItemEmbeddings of(String modelId, String corpusHash, float[][] matrix) {
        int dim = matrix.length == 0 ? 0 : matrix[0].length;
        for (int i = 0; i < matrix.length; i++) {
            if (matrix[i].length != dim) {
                throw new IllegalArgumentException("row " + i + " has " + matrix[i].length + " dimensions, row 0 has " + dim);
            }
        }
        return new ItemEmbeddings(new Manifest(modelId, dim, matrix.length, corpusHash, TEXT_FORMAT, Instant.now().toString()), matrix);
    }

    /** The folder of one model's embeddings under {@code <home>/embeddings}. */
    public static Path directory(Path embeddingsRoot, String modelId) {
        return embeddingsRoot.resolve(safeName(modelId));
    }

    /** A model id made safe as a file name ({@code openai:Qwen/Qwen3-Embedding-0.6B} → {@code openai_Qwen_Qwen3-Embedding-0.6B}). */
    static String safeName(String modelId) {
        String safe = modelId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.isEmpty() || safe.startsWith(".")) safe = "_" + safe;
        return safe;
    }

    /** Whether a finished embedding store is in this folder. */
    public static boolean existsIn(Path dir) {
        return Files.isRegularFile(dir.resolve(MANIFEST)) && Files.isRegularFile(dir.resolve(VECTORS));
    }

    /** {@link #build(Corpus, TextEncoder, EmbeddingCache, Path, int, EmbeddingListener)} with the default batch size. */
    public static ItemEmbeddings build(Corpus corpus, TextEncoder encoder, EmbeddingCache cache, Path dir, EmbeddingListener listener) {
        return build(corpus, encoder, cache, dir, DEFAULT_BATCH_SIZE, listener);
    }

    /**
     * Embeds every item of the corpus (through the cache, so only texts never seen by this model
     * reach the encoder) and saves the store in {@code dir}. When {@code dir} already holds this
     * model's embeddings of this very corpus, they are loaded instead.
     */
    public static ItemEmbeddings build(Corpus corpus, TextEncoder encoder, EmbeddingCache cache, Path dir,
                                       int batchSize, EmbeddingListener listener) {
        if (existsIn(dir)) {
            Manifest old = readManifest(dir);
            if (old.modelId().equals(encoder.modelId()) && old.corpusHash().equals(corpus.contentHash())
                    && old.size() == corpus.size() && TEXT_FORMAT.equals(old.textFormat())) {
                listener.onProgress(corpus.size(), corpus.size());
                return load(dir, corpus, encoder.modelId());
            }
        }
        List<String> texts = new ArrayList<>(corpus.size());
        for (Movie m : corpus.movies()) texts.add(m.keyValueText());
        float[][] matrix = cache.embed(encoder, texts, batchSize, listener);
        cache.compact(encoder.modelId());
        int dim = matrix.length == 0 ? encoder.dimension() : matrix[0].length;
        Manifest manifest = new Manifest(encoder.modelId(), dim, corpus.size(), corpus.contentHash(), TEXT_FORMAT, Instant.now().toString());
        AtomicFiles.write(dir.resolve(VECTORS), out -> writeMatrix(out, matrix, dim));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("modelId", manifest.modelId());
        config.put("dimension", dim);
        config.put("batchSize", batchSize);
        config.put("textFormat", TEXT_FORMAT);
        config.put("encoder", encoder.toString());
        Provenance.of("item-embeddings", "rarec embed", config, Map.of("corpus", corpus.contentHash()), 0L).saveIn(dir);
        AtomicFiles.writeJson(dir.resolve(MANIFEST), manifest);
        return new ItemEmbeddings(manifest, matrix);
    }

    /**
     * The embeddings in {@code dir}, checked against the corpus they must belong to.
     *
     * @throws IllegalStateException naming the folder and telling to re-run {@code rarec embed}
     *         when the folder is empty or was computed for another corpus
     */
    public static ItemEmbeddings load(Path dir, Corpus corpus) {
        if (!existsIn(dir)) {
            throw new IllegalStateException("no item embeddings in " + dir + ": run `rarec embed` first");
        }
        Manifest manifest = readManifest(dir);
        if (!manifest.corpusHash().equals(corpus.contentHash()) || manifest.size() != corpus.size()) {
            throw new IllegalStateException("the item embeddings in " + dir + " were computed for another corpus (hash "
                    + manifest.corpusHash() + ", " + manifest.size() + " items) than the current one (hash "
                    + corpus.contentHash() + ", " + corpus.size() + " items): re-run `rarec embed`"
                    + " (only new items are embedded, the rest comes from the cache)");
        }
        if (!TEXT_FORMAT.equals(manifest.textFormat())) {
            throw new IllegalStateException("the item embeddings in " + dir + " use item text format " + manifest.textFormat()
                    + ", this version uses " + TEXT_FORMAT + ": re-run `rarec embed`");
        }
        return new ItemEmbeddings(manifest, readMatrix(dir.resolve(VECTORS), manifest.size(), manifest.dimension()));
    }

    /** {@link #load(Path, Corpus)}, also requiring the embeddings to come from this model. */
    public static ItemEmbeddings load(Path dir, Corpus corpus, String expectedModelId) {
        if (existsIn(dir)) {
            Manifest manifest = readManifest(dir);
            if (!manifest.modelId().equals(expectedModelId)) {
                throw new IllegalStateException("the item embeddings in " + dir + " come from model " + manifest.modelId()
                        + ", expected " + expectedModelId + ": re-run `rarec embed` with that encoder");
            }
        }
        return load(dir, corpus);
    }

    /** The manifest of the store in {@code dir}, without reading the matrix. */
    public static Manifest readManifest(Path dir) {
        Path file = dir.resolve(MANIFEST);
        try (InputStream in = Files.newInputStream(file)) {
            Manifest m = Json.MAPPER.readValue(in, Manifest.class);
            if (m.modelId() == null || m.corpusHash() == null || m.dimension() <= 0 && m.size() > 0) {
                throw new IllegalStateException(file + ": manifest lacks modelId, corpusHash or dimension: re-run `rarec embed`");
            }
            return m;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage() + ": re-run `rarec embed`", e);
        }
    }

    private static void writeMatrix(java.io.OutputStream raw, float[][] matrix, int dim) throws IOException {
        BufferedOutputStream out = new BufferedOutputStream(raw, 1 << 16);
        ByteBuffer row = ByteBuffer.allocate(dim * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] v : matrix) {
            row.clear();
            row.asFloatBuffer().put(v);
            out.write(row.array());
        }
        out.flush();
    }

    private static float[][] readMatrix(Path file, int size, int dim) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long expected = (long) size * dim * Float.BYTES;
            if (ch.size() != expected) {
                throw new IllegalStateException(file + ": " + ch.size() + " bytes, expected " + expected
                        + " (" + size + " x " + dim + " float32): re-run `rarec embed`");
            }
            float[][] matrix = new float[size][dim];
            ByteBuffer row = ByteBuffer.allocate(dim * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < size; i++) {
                row.clear();
                while (row.hasRemaining()) {
                    if (ch.read(row) < 0) throw new IllegalStateException(file + ": ends at row " + i);
                }
                row.flip();
                row.asFloatBuffer().get(matrix[i]);
            }
            return matrix;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** All vectors, row {@code i} = item {@code i}. Shared, not copied: do not modify. */
    public float[][] matrix() {
        return matrix;
    }

    /** Item {@code item}'s vector (L2-normalised). Shared, not copied: do not modify. */
    public float[] vector(int item) {
        return matrix[item];
    }

    public int size() {
        return matrix.length;
    }

    public int dimension() {
        return manifest.dimension();
    }

    public String modelId() {
        return manifest.modelId();
    }

    public String corpusHash() {
        return manifest.corpusHash();
    }

    public Manifest manifest() {
        return manifest;
    }
}
