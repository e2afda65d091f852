package dev.rarec.bench;

import dev.rarec.data.fetch.DataFetcher;
import dev.rarec.data.fetch.Derivation;
import dev.rarec.data.fetch.FetchListener;
import dev.rarec.data.fetch.FetchSettings;
import dev.rarec.data.fetch.FetchSummary;
import dev.rarec.data.fetch.LayoutFile;
import dev.rarec.data.fetch.Manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Checks {@code rarec data fetch} against a {@link LoopbackMirror}: every layout file whose originals
 * the mirror can serve is fetched into an empty folder and its content hash compared with the
 * manifest's; then each {@link LoopbackMirror.Fault} is injected on one file, with a second run after
 * the fault is gone. Outcomes are described from what the runs did, never assumed.
 */
public final class FetchVerification {
    /** The file the faults are injected on: small, plain, always in the layout. */
    public static final String FAULT_FILE = "movielens/ml-latest-small/links.csv";

    /** Fast settings for the loopback: short backoff, a 1 s read timeout so that a stall is noticed quickly. */
    public static FetchSettings loopbackSettings(String mirror) {
        return new FetchSettings(mirror, 4, Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    private FetchVerification() {}

    /** Layout files all of whose originals the mirror serves. */
    static List<LayoutFile> servable(Manifest manifest, LoopbackMirror mirror) {
        return manifest.files().stream().filter(f -> f.originals().stream().allMatch(mirror::serves)).toList();
    }

    /**
     * Fetches every servable file into {@code into} and verifies it. The figures: {@code sources} (rows of
     * non-derived files), {@code verified}, {@code failed}, and the same for derived files under {@code derived}.
     */
    public static Map<String, Object> verifyAll(Manifest manifest, LoopbackMirror mirror, Path into, Consumer<String> log) {
        List<LayoutFile> files = servable(manifest, mirror);
        Manifest served = new Manifest(files, manifest.licences());
        FetchSummary summary = new DataFetcher(served, into, loopbackSettings(mirror.url()), new FetchListener() {
            @Override
            public void message(String text) {
                log.accept(text);
            }
        }).run();
        Map<String, Object> plain = new LinkedHashMap<>();
        Map<String, Object> derived = new LinkedHashMap<>();
        count(manifest.files().stream().filter(FetchVerification::plain).toList(), files, into, plain);
        count(manifest.files().stream().filter(f -> !plain(f)).toList(), files, into, derived);
        derived.put("layoutHashNotEnforced", manifest.files().stream().filter(f -> !f.layoutHashEnforced()).map(LayoutFile::path).toList());
        Map<String, Object> out = new LinkedHashMap<>(plain);
        out.put("derived", derived);
        out.put("failures", summary.failures().stream().map(FetchSummary.Result::detail).toList());
        return out;
    }

    private static boolean plain(LayoutFile f) {
        return f.derivation() == Derivation.GZIP || f.derivation() == Derivation.IDENTICAL;
    }

    /** Sources (manifest rows) of {@code files}: how many were served, and how many end in a verified layout file. */
    private static void count(List<LayoutFile> files, List<LayoutFile> served, Path into, Map<String, Object> out) {
        int sources = 0, tested = 0, verified = 0, layoutFiles = 0, layoutVerified = 0;
        for (LayoutFile f : files) {
            int rows = f.originals().size();
            sources += rows;
            layoutFiles++;
            if (!served.contains(f)) continue;
            tested += rows;
            Path target = into.resolve(f.path());
            if (Files.isRegularFile(target) && DataFetcher.contentSha256(target).equals(f.expectedSha256())) {
                verified += rows;
                layoutVerified++;
            }
        }
        out.put("sources", sources);
        out.put("served", tested);
        out.put("verified", verified);
        out.put("failed", tested - verified);
        out.put("layoutFiles", layoutFiles);
        out.put("layoutFilesVerified", layoutVerified);
    }

    /** Runs every fault on {@link #FAULT_FILE}, each in its own folder under {@code scratch}: first run with the fault, second without. */
    public static List<Map<String, Object>> faults(Manifest manifest, LoopbackMirror mirror, Path scratch) {
        LayoutFile file = manifest.files().stream().filter(f -> f.path().equals(FAULT_FILE)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the manifest has no " + FAULT_FILE));
        Manifest one = new Manifest(List.of(file), manifest.licences());
        List<Map<String, Object>> out = new ArrayList<>();
        mirror.stallMillis(5_000);
        for (LoopbackMirror.Fault fault : LoopbackMirror.Fault.values()) {
            Path dir = scratch.resolve("fault-" + fault.name().toLowerCase());
            mirror.fault(file.originals().get(0), fault);
            Run first = Run.of(one, dir, mirror);
            int requests = mirror.requests(file.originals().get(0));
            mirror.clearFaults();
            Run second = Run.of(one, dir, mirror);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("fault", fault.name());
            r.put("outcome", first.describe(requests) + "; second run: " + second.describe(-1));
            r.put("firstRun", first.outcome.name());
            r.put("secondRun", second.outcome.name());
            r.put("corruptLeftInLayout", first.corrupt || second.corrupt);
            r.put("messages", first.messages);
            out.add(r);
        }
        return out;
    }

    /** One fetch of one file and what it left in the layout. */
    private record Run(FetchSummary.Outcome outcome, String detail, List<String> messages, boolean verified, boolean corrupt) {
        static Run of(Manifest one, Path dir, LoopbackMirror mirror) {
            List<String> messages = new ArrayList<>();
            FetchSummary s = new DataFetcher(one, dir, loopbackSettings(mirror.url()), new FetchListener() {
                @Override
                public void message(String text) {
                    messages.add(text.replace(mirror.url(), "<mirror>"));
                }
            }).run();
            LayoutFile f = one.files().get(0);
            Path target = dir.resolve(f.path());
            boolean verified = Files.isRegularFile(target) && DataFetcher.contentSha256(target).equals(f.expectedSha256());
            boolean stray = strayFiles(target.getParent(), target);
            FetchSummary.Result r = s.results().get(0);
            return new Run(r.outcome(), r.detail().replace(mirror.url(), "<mirror>"), messages,
                    verified, stray || (Files.exists(target) && !verified));
        }

        String describe(int requests) {
            StringBuilder b = new StringBuilder(outcome.name().toLowerCase());
            if (requests >= 0) b.append(" after ").append(requests).append(" request(s)");
            long retries = messages.stream().filter(m -> m.contains("retry")).count();
            if (retries > 0) b.append(", ").append(retries).append(" retr").append(retries == 1 ? "y" : "ies");
            if (messages.stream().anyMatch(m -> m.contains("ignored the Range"))) b.append(", Range request ignored so restarted from byte 0");
            else if (messages.stream().anyMatch(m -> m.contains("resuming after"))) b.append(", resumed with Range");
            if (outcome == FetchSummary.Outcome.FAILED) b.append(" (").append(detail).append(")");
            b.append(verified ? ", layout file verified" : ", no layout file written");
            return b.toString();
        }
    }

    /** Whether the folder holds anything besides the target (a temporary or partial file left in the layout). */
    private static boolean strayFiles(Path folder, Path target) {
        if (!Files.isDirectory(folder)) return false;
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(p -> !p.equals(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
