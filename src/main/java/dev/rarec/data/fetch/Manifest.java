package dev.rarec.data.fetch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code rarec data fetch} makes: every layout file of the data dir with its originals and
 * derivation, and the licence line of each source. Read from {@code manifest.tsv} and
 * {@code licences.tsv}, resources built from the data folder's SOURCES.tsv by
 * {@code scripts/fetch_manifest.py}.
 */
public record Manifest(List<LayoutFile> files, Map<String, String> licences) {
    static final String RESOURCE = "manifest.tsv";
    private static final String LICENCES = "licences.tsv";

    public Manifest {
        files = List.copyOf(files);
        licences = Map.copyOf(licences);
    }

    /** The manifest shipped in the jar. */
    public static Manifest load() {
        return new Manifest(parse(rows(RESOURCE)), licenceTable());
    }

    /** Builds layout files from manifest rows (header first); rows of one layout file are consecutive or not, order kept. */
    static List<LayoutFile> parse(List<String[]> rows) {
        Map<String, List<String[]>> byPath = new LinkedHashMap<>();
        for (String[] r : rows.subList(1, rows.size())) {
            if (r.length != 7) throw new IllegalStateException(RESOURCE + ": row for " + r[0] + " has " + r.length + " fields, expected 7");
            byPath.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r);
        }
        List<LayoutFile> out = new ArrayList<>();
        byPath.forEach((path, group) -> {
            String[] first = group.get(0);
            List<Original> originals = group.stream().map(r -> new Original(r[2], r[3], Long.parseLong(r[4]))).toList();
            out.add(new LayoutFile(path, Derivation.named(first[1]), originals, first[5], first[6]));
        });
        return out;
    }

    /** The datasets (top folders) the manifest covers, sorted. */
    public Set<String> datasets() {
        Set<String> out = new TreeSet<>();
        files.forEach(f -> out.add(f.dataset()));
        return out;
    }

    /** Only the files of the given datasets; an unknown name is an error that lists the known ones. */
    public Manifest select(Collection<String> datasets) {
        if (datasets == null || datasets.isEmpty()) return this;
        for (String d : datasets) {
            if (!datasets().contains(d)) throw new IllegalArgumentException("unknown dataset '" + d + "' (known: " + String.join(", ", datasets()) + ")");
        }
        return new Manifest(files.stream().filter(f -> datasets.contains(f.dataset())).toList(), licences);
    }

    /** Licence lines of the sources behind this manifest's files, in file order, each once. */
    public List<String> licenceLines() {
        Set<String> out = new LinkedHashSet<>();
        for (LayoutFile f : files) {
            String best = null;
            for (String prefix : licences.keySet()) {
                if (f.path().startsWith(prefix) && (best == null || prefix.length() > best.length())) best = prefix;
            }
            if (best == null) throw new IllegalStateException(LICENCES + " has no licence line for " + f.path());
            out.add(licences.get(best));
        }
        return List.copyOf(out);
    }

    /** Bytes to download for every file: each distinct original once. */
    public long downloadBytes() {
        Map<String, Long> distinct = new LinkedHashMap<>();
        files.forEach(f -> f.originals().forEach(o -> distinct.put(o.sha256(), o.bytes())));
        return distinct.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The layout files absent from {@code dataDir}. */
    public List<LayoutFile> missingIn(Path dataDir) {
        return files.stream().filter(f -> !Files.isRegularFile(dataDir.resolve(f.path()))).toList();
    }

    private static Map<String, String> licenceTable() {
        Map<String, String> out = new LinkedHashMap<>();
        List<String[]> rows = rows(LICENCES);
        for (String[] r : rows.subList(1, rows.size())) out.put(r[0], r[1]);
        return out;
    }

    private static List<String[]> rows(String resource) {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = Manifest.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("resource " + resource + " missing from the jar");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isEmpty()) out.add(line.split("\t", -1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
        return out;
    }
}
