package dev.rarec.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.rarec.bench.FetchVerification;
import dev.rarec.bench.LoopbackMirror;
import dev.rarec.data.fetch.Manifest;
import dev.rarec.util.DataDir;
import dev.rarec.util.Evidence;
import dev.rarec.util.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code rarec bench-fetch}: verifies {@code rarec data fetch} against a loopback mirror that serves
 * the originals rebuilt from a data dir, with fault injection, and optionally end to end (corpus
 * build and data stats on the fetched folder against the data dir); writes docs/results/fetch.json.
 */
@Command(name = "bench-fetch", mixinStandardHelpOptions = true,
        description = "Verify `rarec data fetch` against a 127.0.0.1 mirror serving the originals rebuilt from --data-dir (gzip/identical rows), "
                + "inject faults (truncated body, wrong byte, 404, 500 twice, stalled connection, Range ignored), optionally build the corpus "
                + "and data stats on the fetched folder and compare; writes --out.")
public final class BenchFetchCommand implements Callable<Integer> {
    /** Dataset splits whose readers need a derived layout file (the merged ReDial train copies or the mention lists). */
    private static final Set<String> DERIVED_INPUTS = Set.of("redial/train", "redial/valid", "redial-seq/train", "redial-seq/valid");

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", description = "Layout the originals are rebuilt from (default: $RAREC_DATA, then ../shared/data, then ./data).")
    Path dataDir;

    @Option(names = "--originals", description = "Also serve originals found under DIR/<host>/<path> (e.g. the derived files' originals extracted from the repositories).")
    Path originals;

    @Option(names = "--e2e", description = "Also build the corpus and data stats on the fetched folder and on --data-dir, and compare them.")
    boolean e2e;

    @Option(names = "--serve-seconds", defaultValue = "0",
            description = "After the checks, keep the mirror up this long (to try e.g. `RAREC_DATA_MIRROR=<url> ./rarec quickstart` on a clone against it).")
    long serveSeconds;

    @Option(names = "--allow-dirty", description = "Write the result JSON under docs/results even when tracked files have uncommitted changes (it records gitDirty: true).")
    boolean allowDirty;

    @Option(names = "--out", defaultValue = "docs/results/fetch.json", description = "Results JSON (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getErr();
        Path data = DataDir.resolve(dataDir);
        Manifest manifest = Manifest.load();
        Path scratch = Files.createTempDirectory("rarec-bench-fetch-");
        long t0 = System.nanoTime();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", "rarec " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        try (LoopbackMirror mirror = LoopbackMirror.start()) {
            int rebuilt = mirror.serveFromLayout(manifest, data);
            int extra = originals == null ? 0 : mirror.serveFromFolder(manifest, originals);
            log.printf("mirror %s: %d originals rebuilt from %s, %d from %s%n", mirror.url(), rebuilt, data, extra, originals);
            Path fetched = scratch.resolve("data");
            json.putAll(FetchVerification.verifyAll(manifest, mirror, fetched, m -> log.println("  note: " + m)));
            log.printf("verified %s of %s non-derived sources; derived: %s%n", json.get("verified"), json.get("sources"), json.get("derived"));
            json.put("faults", FetchVerification.faults(manifest, mirror, scratch.resolve("faults")));
            if (e2e) json.put("e2e", endToEnd(fetched, data, scratch, log));
            json.put("seconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
            Evidence.write(out, json, allowDirty);
            spec.commandLine().getOut().println(Json.PRETTY.writeValueAsString(Evidence.stamped(json)));
            spec.commandLine().getOut().flush();
            if (serveSeconds > 0) {
                log.printf("serving %s for %d s%n", mirror.url(), serveSeconds);
                log.flush();
                Thread.sleep(serveSeconds * 1000);
            }
        } finally {
            delete(scratch);
        }
        return (int) json.get("failed") == 0 ? 0 : 1;
    }

    /** Corpus stats and data stats on the fetched folder and on the reference data dir, compared row by row. */
    private static Map<String, Object> endToEnd(Path fetched, Path reference, Path scratch, PrintWriter log) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> fetchedCorpus = corpusStats(fetched, scratch.resolve("home-fetched"), log);
        Map<String, Object> referenceCorpus = corpusStats(reference, scratch.resolve("home-reference"), log);
        out.put("corpusStatsEqual", fetchedCorpus.equals(referenceCorpus));
        out.put("corpusMovies", List.of(fetchedCorpus.get("movies"), referenceCorpus.get("movies")));
        List<Map<String, Object>> a = dataStats(fetched, scratch.resolve("home-fetched"), log);
        List<Map<String, Object>> b = dataStats(reference, scratch.resolve("home-reference"), log);
        List<Map<String, Object>> rows = new ArrayList<>();
        int equalNonDerived = 0, nonDerived = 0;
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            String key = a.get(i).get("name") + "/" + a.get(i).get("split");
            boolean derived = DERIVED_INPUTS.contains(key);
            boolean equal = a.get(i).equals(b.get(i));
            if (!derived) {
                nonDerived++;
                if (equal) equalNonDerived++;
            }
            Map<String, Object> row = new LinkedHashMap<>(); // a fixed key order: re-running gives the same file
            row.put("dataset", key);
            row.put("readsDerivedFile", derived);
            row.put("equal", equal);
            rows.add(row);
        }
        out.put("dataStatsRows", rows);
        out.put("nonDerivedRowsEqual", equalNonDerived + "/" + nonDerived);
        return out;
    }

    private static Map<String, Object> corpusStats(Path data, Path home, PrintWriter log) {
        run(log, "corpus", "build", "--home", home.toString(), "--data-dir", data.toString());
        return Json.MAPPER.convertValue(parse(run(log, "corpus", "stats", "--json", "--home", home.toString())), new TypeReference<>() {});
    }

    private static List<Map<String, Object>> dataStats(Path data, Path home, PrintWriter log) {
        Map<String, List<Map<String, Object>>> stats = Json.MAPPER.convertValue(
                parse(run(log, "data", "stats", "--json", "--home", home.toString(), "--data-dir", data.toString())), new TypeReference<>() {});
        return stats.get("datasets");
    }

    private static Object parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    private static String run(PrintWriter log, String... args) {
        log.println("bench-fetch: rarec " + String.join(" ", args));
        log.flush();
        StringWriter captured = new StringWriter();
        CommandLine cl = Rarec.commandLine();
        cl.setOut(new PrintWriter(captured));
        int code = cl.execute(args);
        if (code != 0) throw new IllegalStateException("`rarec " + String.join(" ", args) + "` failed (exit " + code + ")");
        return captured.toString();
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
