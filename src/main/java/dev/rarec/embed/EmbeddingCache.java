package dev.rarec.embed;

import dev.rarec.util.AtomicFiles;
import dev.rarec.util.Hashing;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.BufferedOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every vector rarec has ever computed, keyed by (model id, SHA-256 of the text), so that no text is
 * embedded twice: when the corpus grows, only the new items reach the encoder.
 *
 * <p>On disk, one folder per model holds append-only chunk files, each written atomically when a
 * batch finishes. An interrupted run therefore loses at most the batch in flight, and the next run
 * resumes from the chunks already written. {@link #compact} merges the chunks into one.
 * The cache holds vectors and hashes only: no text, no API key.
 */
public final class EmbeddingCache {
    private static final byte[] MAGIC = "RARECEMB".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final Pattern CHUNK = Pattern.compile("chunk-(\\d{6})-[0-9a-f]{8}\\.bin");

    private final Path root;
    private final Map<String, ModelEntries> models = new HashMap<>();

    private EmbeddingCache(Path root) {
        this.root = root;
    }

    /** The cache in this folder (created when missing). */
    public static EmbeddingCache open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create embedding cache folder " + dir, e);
        }
        return new EmbeddingCache(dir);
    }

    public Path directory() {
        return root;
    }

    /** The cached vector of this text under this model. */
    public synchronized Optional<float[]> get(String modelId, String text) {
        return Optional.ofNullable(entries(modelId).vectors.get(Hashing.sha256(text)));
    }

    /** Number of texts cached for this model. */
    public synchronized int size(String modelId) {
        return entries(modelId).vectors.size();
    }

    /** Adds vectors and writes them as one new chunk file (atomically). */
    public synchronized void put(String modelId, List<String> texts, float[][] vectors) {
        if (texts.size() != vectors.length) {
            throw new IllegalArgumentException(texts.size() + " texts but " + vectors.length + " vectors");
        }
        if (texts.isEmpty()) return;
        ModelEntries entries = entries(modelId);
        int dim = vectors[0].length;
        if (entries.dimension != 0 && entries.dimension != dim) {
            throw new IllegalStateException("model " + modelId + " gave " + dim + "-dimensional vectors but the cache in "
                    + entries.dir + " holds " + entries.dimension + "-dimensional ones");
        }
        Map<String, float[]> batch = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            if (vectors[i].length != dim) {
                throw new IllegalArgumentException("vector " + i + " has " + vectors[i].length + " dimensions, expected " + dim);
            }
            batch.put(Hashing.sha256(texts.get(i)), vectors[i]);
        }
        writeChunk(entries, batch, dim);
        entries.dimension = dim;
        entries.vectors.putAll(batch);
    }

    /**
     * The vectors of these texts, in order: cached ones are looked up, the others are embedded in
     * batches of {@code batchSize}, each batch stored before the next begins. Duplicate texts are
     * embedded once.
     *
     * @throws EmbeddingInterruptedException when the thread is interrupted between batches (what
     *         was stored so far stays cached)
     */
    public float[][] embed(TextEncoder encoder, List<String> texts, int batchSize, EmbeddingListener listener) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        String modelId = encoder.modelId();
        float[][] out = new float[texts.size()][];
        Map<String, List<Integer>> missing = new LinkedHashMap<>();
        int done = 0;
        synchronized (this) {
            ModelEntries entries = entries(modelId);
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i);
                String key = Hashing.sha256(text);
                float[] cached = entries.vectors.get(key);
                if (cached != null) {
                    out[i] = cached;
                    done++;
                } else {
                    missing.computeIfAbsent(text, t -> new ArrayList<>()).add(i);
                }
            }
        }
        listener.onProgress(done, texts.size());
        List<String> todo = new ArrayList<>(missing.keySet());
        for (int from = 0; from < todo.size(); from += batchSize) {
            if (Thread.interrupted()) {
                throw new EmbeddingInterruptedException("embedding interrupted after " + done + " of " + texts.size()
                        + " texts; the finished batches are cached, run again to resume");
            }
            List<String> batch = todo.subList(from, Math.min(todo.size(), from + batchSize));
            float[][] vectors = encoder.encode(batch);
            if (vectors.length != batch.size()) {
                throw new IllegalStateException(encoder.modelId() + " returned " + vectors.length + " vectors for " + batch.size() + " texts");
            }
            put(modelId, batch, vectors);
            for (int j = 0; j < batch.size(); j++) {
                for (int i : missing.get(batch.get(j))) {
                    out[i] = vectors[j];
                    done++;
                }
            }
            listener.onProgress(done, texts.size());
        }
        return out;
    }

    /** Merges this model's chunk files into one; a crash midway leaves duplicates, which are harmless. */
    public synchronized void compact(String modelId) {
        ModelEntries entries = entries(modelId);
        List<Path> chunks = chunkFiles(entries.dir);
        if (chunks.size() <= 1) return;
        writeChunk(entries, entries.vectors, entries.dimension);
        for (Path chunk : chunks) {
            try {
                Files.deleteIfExists(chunk);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete merged cache chunk " + chunk, e);
            }
        }
    }

    /** Number of chunk files of this model (for tests and diagnostics). */
    synchronized int chunkCount(String modelId) {
        return chunkFiles(entries(modelId).dir).size();
    }

    private ModelEntries entries(String modelId) {
        return models.computeIfAbsent(modelId, id -> load(id, root.resolve(ItemEmbeddings.safeName(id))));
    }

    private static ModelEntries load(String modelId, Path dir) {
        ModelEntries entries = new ModelEntries(modelId, dir);
        for (Path chunk : chunkFiles(dir)) {
            readChunk(modelId, chunk, entries);
        }
        return entries;
    }

    private static void readChunk(String modelId, Path chunk, ModelEntries entries) {
        ByteBuffer buf;
        try {
            buf = ByteBuffer.wrap(Files.readAllBytes(chunk));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read embedding cache chunk " + chunk, e);
        }
        try {
            byte[] magic = new byte[MAGIC.length];
            buf.get(magic);
            int version = buf.getInt();
            if (!Arrays.equals(magic, MAGIC) || version != VERSION) {
                throw new IllegalStateException(chunk + ": not a rarec embedding cache chunk (version " + VERSION + ")");
            }
            byte[] idBytes = new byte[buf.getShort() & 0xffff];
            buf.get(idBytes);
            String storedId = new String(idBytes, StandardCharsets.UTF_8);
            if (!storedId.equals(modelId)) {
                throw new IllegalStateException(chunk + ": holds vectors of model " + storedId + ", expected " + modelId);
            }
            int dim = buf.getInt();
            int count = buf.getInt();
            if (entries.dimension != 0 && entries.dimension != dim) {
                throw new IllegalStateException(chunk + ": " + dim + "-dimensional vectors, other chunks have " + entries.dimension);
            }
            entries.dimension = dim;
            byte[] hash = new byte[32];
            for (int i = 0; i < count; i++) {
                buf.get(hash);
                float[] v = new float[dim];
                buf.asFloatBuffer().get(v);
                buf.position(buf.position() + dim * Float.BYTES);
                entries.vectors.put(HexFormat.of().formatHex(hash), v);
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalStateException(chunk + ": truncated embedding cache chunk; delete it and run again", e);
        }
    }

    private static void writeChunk(ModelEntries entries, Map<String, float[]> vectors, int dim) {
        List<Path> existing = chunkFiles(entries.dir);
        int next = 1;
        for (Path p : existing) {
            Matcher m = CHUNK.matcher(p.getFileName().toString());
            if (m.matches()) next = Math.max(next, Integer.parseInt(m.group(1)) + 1);
        }
        String name = String.format("chunk-%06d-%s.bin", next, UUID.randomUUID().toString().substring(0, 8));
        AtomicFiles.write(entries.dir.resolve(name), raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
            out.write(MAGIC);
            out.writeInt(VERSION);
            byte[] id = entries.modelId.getBytes(StandardCharsets.UTF_8);
            out.writeShort(id.length);
            out.write(id);
            out.writeInt(dim);
            out.writeInt(vectors.size());
            for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                out.write(HexFormat.of().parseHex(e.getKey()));
                for (float x : e.getValue()) out.writeFloat(x);
            }
            out.flush();
        });
    }

    private static List<Path> chunkFiles(Path dir) {
        List<Path> chunks = new ArrayList<>();
        if (!Files.isDirectory(dir)) return chunks;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (CHUNK.matcher(name).matches()) {
                    chunks.add(p);
                } else if (name.startsWith(".chunk-") && name.endsWith(".tmp") && isStale(p)) {
                    Files.deleteIfExists(p); // left by a run killed mid-write
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list embedding cache folder " + dir, e);
        }
        chunks.sort(null);
        return chunks;
    }

    /** A temporary file old enough that no live writer can still own it. */
    private static boolean isStale(Path tmp) throws IOException {
        return Files.getLastModifiedTime(tmp).toMillis() < System.currentTimeMillis() - 10 * 60_000L;
    }

    /** The cached vectors of one model. */
    private static final class ModelEntries {
        final String modelId;
        final Path dir;
        final Map<String, float[]> vectors = new HashMap<>();
        int dimension;

        ModelEntries(String modelId, Path dir) {
            this.modelId = modelId;
            this.dir = dir;
        }
    }
}
