package dev.rarec.data.fetch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * How a layout file's content is made from its verified originals (the {@code derivation} column of
 * the manifest). Each writes the content uncompressed; gzipping a {@code .gz} layout file and
 * verifying the content hash are the fetcher's one step for every file.
 */
public enum Derivation {
    /** The original, gzipped. */
    GZIP("gzip"),
    /** The original unchanged. */
    IDENTICAL("identical"),
    /**
     * The public original where the reference layout withholds rows (the ReDial mention lists keep
     * an independent evaluation set aside): the public file is what anyone can get, so it is fetched
     * unchanged and verified against its own hash, not the layout's.
     */
    PUBLIC_ORIGINAL("public-original"),
    /** The zip member named like the layout file without {@code .gz} (TMDB 5000's csv inside its zip). */
    UNZIP_MEMBER("unzip-member") {
        @Override
        void derive(LayoutFile file, List<Path> originals, OutputStream content) throws IOException {
            String name = Path.of(file.path()).getFileName().toString().replaceFirst("\\.gz$", "");
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(originals.get(0)))) {
                for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    if (Path.of(e.getName()).getFileName().toString().equals(name)) {
                        zip.transferTo(content);
                        return;
                    }
                }
            }
            throw new IllegalStateException(file.originals().get(0).url() + " has no member " + name);
        }
    },
    /** ml-100k's u.data without the lines of the fake user 0 a course repository added. */
    DROP_FAKE_USER("drop-fake-user") {
        @Override
        void derive(LayoutFile file, List<Path> originals, OutputStream content) throws IOException {
            // ISO-8859-1 maps bytes to chars one to one, so kept lines are written back byte for byte.
            try (BufferedReader r = Files.newBufferedReader(originals.get(0), StandardCharsets.ISO_8859_1)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (!line.startsWith("0\t")) content.write((line + "\n").getBytes(StandardCharsets.ISO_8859_1));
                }
            }
        }
    },
    /** LRURec's pickled leave-one-out split of ML-1M as one line per user: original ids, train items then val then test. */
    LRUREC_SPLIT("lrurec-split") {
        @Override
        void derive(LayoutFile file, List<Path> originals, OutputStream content) throws IOException {
            Map<?, ?> split = Pickles.dict(readPickle(originals.get(0)), "dataset.pkl");
            Map<Long, Long> users = Pickles.inverse(Pickles.dict(split.get("umap"), "umap"));
            Map<Long, Long> items = Pickles.inverse(Pickles.dict(split.get("smap"), "smap"));
            Map<?, ?> train = Pickles.dict(split.get("train"), "train");
            Map<?, ?> val = Pickles.dict(split.get("val"), "val");
            Map<?, ?> test = Pickles.dict(split.get("test"), "test");
            List<Long> dense = new ArrayList<>(users.keySet());
            dense.sort((a, b) -> Long.compare(users.get(a), users.get(b)));
            StringBuilder out = new StringBuilder("userId\tmovieIds_chronological(train...,val,test)\n");
            for (Long u : dense) {
                List<Object> sequence = new ArrayList<>(Pickles.list(train.get(u), "train[" + u + "]"));
                sequence.addAll(Pickles.list(val.get(u), "val[" + u + "]"));
                sequence.addAll(Pickles.list(test.get(u), "test[" + u + "]"));
                out.append(users.get(u)).append('\t');
                for (int i = 0; i < sequence.size(); i++) {
                    if (i > 0) out.append(' ');
                    out.append(Pickles.mapped(items, sequence.get(i), "smap"));
                }
                out.append('\n');
            }
            content.write(out.toString().getBytes(StandardCharsets.UTF_8));
        }
    },
    /** Rank-GRPO's pickled list of (title, year) tuples as {@code title TAB year} lines. */
    REDDIT_CATALOGUE("reddit-catalogue") {
        @Override
        void derive(LayoutFile file, List<Path> originals, OutputStream content) throws IOException {
            StringBuilder out = new StringBuilder("title\tyear\n");
            for (Object t : Pickles.list(readPickle(originals.get(0)), "gt_catalog.pkl")) {
                List<?> tuple = Pickles.list(t, "gt_catalog.pkl entry");
                out.append(tuple.get(0)).append('\t').append(tuple.get(1)).append('\n');
            }
            content.write(out.toString().getBytes(StandardCharsets.UTF_8));
        }
    },
    /**
     * Vachonni's ReDOrId index: each id's "Title: ... Genres: ..." string from the {@code .npy} original
     * and the ReDial movieId it stands for, matched by title and by the known conversations it occurs
     * in ({@link RedorIdMatching}; the other originals).
     */
    REDORID_INDEX("redorid-index") {
        @Override
        void derive(LayoutFile file, List<Path> originals, OutputStream content) throws IOException {
            List<String> titles = Pickles.npyStrings(originals.get(0));
            List<RedorIdMatching.Source> sources = new ArrayList<>();
            for (int i = 0; i < originals.size(); i++) {
                sources.add(new RedorIdMatching.Source(file.originals().get(i).repositoryPath(), originals.get(i)));
            }
            List<RedorIdMatching.Match> matches = RedorIdMatching.fromOriginals(titles, sources);
            StringBuilder out = new StringBuilder("ReDOrId\ttitle_genres_string\tredial_movieId\tmapping_method\n");
            for (int i = 0; i < titles.size(); i++) {
                RedorIdMatching.Match m = matches.get(i);
                out.append(i).append('\t').append(titles.get(i)).append('\t').append(m.movieId()).append('\t').append(m.method().column()).append('\n');
            }
            content.write(out.toString().getBytes(StandardCharsets.UTF_8));
        }
    },
    /** The partial ReDial train copies merged by conversationId ({@link RedialTrainMerge}). */
    REDIAL_TRAIN_MERGE("redial-train-merge") {
        @Override
        void derive(LayoutFile file, List<Path> originals, OutputStream content) throws IOException {
            List<RedialTrainMerge.Copy> copies = new ArrayList<>();
            for (int i = 0; i < originals.size(); i++) {
                copies.add(new RedialTrainMerge.Copy(file.originals().get(i).repositoryPath(), originals.get(i)));
            }
            RedialTrainMerge.merge(copies, content);
        }
    };

    private final String manifestName;

    Derivation(String manifestName) {
        this.manifestName = manifestName;
    }

    /**
     * Writes the layout file's content (uncompressed) from its verified originals, in the manifest's
     * order; by default the first original unchanged.
     */
    void derive(LayoutFile file, List<Path> originals, OutputStream content) throws IOException {
        Files.copy(originals.get(0), content);
    }

    /** The name used in the manifest's derivation column. */
    public String manifestName() {
        return manifestName;
    }

    static Derivation named(String name) {
        for (Derivation d : values()) {
            if (d.manifestName.equals(name)) return d;
        }
        throw new IllegalStateException(Manifest.RESOURCE + ": unknown derivation '" + name + "'");
    }

    private static Object readPickle(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return PickleReader.read(in, file.getFileName().toString());
        }
    }
}
