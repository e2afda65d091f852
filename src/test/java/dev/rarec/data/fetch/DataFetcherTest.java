package dev.rarec.data.fetch;

import dev.rarec.bench.LoopbackMirror;
import dev.rarec.bench.LoopbackMirror.Fault;
import dev.rarec.util.Hashing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The download loop and verification against a loopback mirror serving fixture originals, with each
 * fault injected: the documented outcome, nothing corrupt left in the layout, and a second run that
 * completes.
 */
class DataFetcherTest {
    private static final byte[] PLAIN = randomBytes(300_000, 1);
    private static final byte[] GZ = randomText(200_000, 2);
    private static final Original PLAIN_ORIGINAL = new Original("https://raw.githubusercontent.com/o/r/c/data/plain.bin", sha(PLAIN), PLAIN.length);
    private static final Original GZ_ORIGINAL = new Original("https://raw.githubusercontent.com/o/r/c/data/text%20file.tsv", sha(GZ), GZ.length);
    private static final LayoutFile PLAIN_FILE = new LayoutFile("ds/plain.bin", Derivation.IDENTICAL, List.of(PLAIN_ORIGINAL), sha(PLAIN), "");
    private static final LayoutFile GZ_FILE = new LayoutFile("ds/sub/text.tsv.gz", Derivation.GZIP, List.of(GZ_ORIGINAL), sha(GZ), "");
    private static final Manifest MANIFEST = new Manifest(List.of(PLAIN_FILE, GZ_FILE), Map.of("ds/", "Fixture licence: test only."));

    private static LoopbackMirror mirror;

    @TempDir
    Path data;

    @BeforeAll
    static void startMirror() {
        mirror = LoopbackMirror.start();
        mirror.serve(PLAIN_ORIGINAL, () -> PLAIN);
        mirror.serve(GZ_ORIGINAL, () -> GZ);
        mirror.stallMillis(3_000);
    }

    @AfterAll
    static void stopMirror() {
        mirror.close();
    }

    @Test
    void fetchesVerifiesAndLaysOutThenFindsEverythingPresent() {
        Recorder first = run(MANIFEST);
        assertThat(first.summary.count(FetchSummary.Outcome.FETCHED)).isEqualTo(2);
        assertThat(first.licences).containsExactly("Fixture licence: test only.");
        assertThat(DataFetcher.contentSha256(data.resolve(GZ_FILE.path()))).isEqualTo(GZ_FILE.layoutSha256());
        assertThat(data.resolve(PLAIN_FILE.path())).hasBinaryContent(PLAIN);
        assertThat(first.totalSeen).isEqualTo(PLAIN.length + GZ.length);
        assertThat(data.resolve(DataFetcher.WORK)).doesNotExist();

        Recorder second = run(MANIFEST);
        assertThat(second.summary.count(FetchSummary.Outcome.PRESENT)).isEqualTo(2);
        assertThat(second.summary.line()).isEqualTo("fetched 0, already present and verified 2, failed 0");
    }

    @Test
    void truncatedBodyIsResumedWithRange() {
        mirror.fault(PLAIN_ORIGINAL, Fault.TRUNCATED_BODY);
        Recorder r = runOne();
        assertThat(r.summary.failures()).isEmpty();
        assertThat(mirror.requests(PLAIN_ORIGINAL)).isEqualTo(2);
        assertThat(mirror.lastRange(PLAIN_ORIGINAL)).isEqualTo("bytes=" + PLAIN.length / 2 + "-");
        assertThat(r.messages).anyMatch(m -> m.contains("resuming after " + PLAIN.length / 2 + " bytes"));
        assertVerifiedAndClean();
    }

    @Test
    void wrongByteFailsNamingFileUrlAndBothHashesAndLeavesNothing() {
        mirror.fault(PLAIN_ORIGINAL, Fault.WRONG_BYTE);
        Recorder r = runOne();
        assertThat(r.summary.failures()).singleElement().satisfies(f -> assertThat(f.detail())
                .contains(PLAIN_FILE.path(), "/o/r/c/data/plain.bin", PLAIN_ORIGINAL.sha256(), "SHA-256 mismatch", "got "));
        assertThat(data.resolve(PLAIN_FILE.path())).doesNotExist();
        assertThat(filesUnder(data)).allMatch(p -> !p.toString().endsWith(".part"));
        mirror.clearFaults();
        assertThat(runOne().summary.count(FetchSummary.Outcome.FETCHED)).isEqualTo(1);
        assertVerifiedAndClean();
    }

    @Test
    void notFoundFailsAtOnceAndTheNextRunCompletes() {
        mirror.fault(PLAIN_ORIGINAL, Fault.NOT_FOUND);
        Recorder r = runOne();
        assertThat(r.summary.failures()).singleElement().satisfies(f -> assertThat(f.detail()).contains("HTTP 404", "/o/r/c/data/plain.bin", "not retried"));
        assertThat(mirror.requests(PLAIN_ORIGINAL)).isEqualTo(1);
        assertThat(data.resolve(PLAIN_FILE.path())).doesNotExist();
        mirror.clearFaults();
        assertThat(runOne().summary.failures()).isEmpty();
        assertVerifiedAndClean();
    }

    @Test
    void serverErrorTwiceIsRetriedWithBackoff() {
        mirror.fault(PLAIN_ORIGINAL, Fault.SERVER_ERROR_TWICE);
        Recorder r = runOne();
        assertThat(r.summary.failures()).isEmpty();
        assertThat(mirror.requests(PLAIN_ORIGINAL)).isEqualTo(3);
        assertThat(r.messages).filteredOn(m -> m.contains("HTTP 500")).hasSize(2)
                .anyMatch(m -> m.contains("retry 1/3 in 10 ms")).anyMatch(m -> m.contains("retry 2/3 in 20 ms"));
        assertVerifiedAndClean();
    }

    @Test
    void stalledConnectionTimesOutAndResumes() {
        mirror.fault(PLAIN_ORIGINAL, Fault.STALLED_CONNECTION);
        Recorder r = runOne();
        assertThat(r.summary.failures()).isEmpty();
        assertThat(r.messages).anyMatch(m -> m.contains("SocketTimeoutException") && m.contains("resuming after"));
        assertThat(mirror.lastRange(PLAIN_ORIGINAL)).isEqualTo("bytes=" + PLAIN.length / 2 + "-");
        assertVerifiedAndClean();
    }

    @Test
    void serverIgnoringRangeMakesTheDownloadRestartFromZero() {
        mirror.fault(PLAIN_ORIGINAL, Fault.IGNORES_RANGE);
        Recorder r = runOne();
        assertThat(r.summary.failures()).isEmpty();
        assertThat(r.messages).anyMatch(m -> m.contains("ignored the Range request: restarting from byte 0"));
        assertVerifiedAndClean();
    }

    @Test
    void exhaustedRetriesKeepThePartialDownloadAndTheNextRunResumesIt() {
        mirror.fault(PLAIN_ORIGINAL, Fault.TRUNCATED_BODY);
        Manifest one = new Manifest(List.of(PLAIN_FILE), MANIFEST.licences());
        FetchSettings once = new FetchSettings(mirror.url(), 1, Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofMillis(300));
        Recorder first = new Recorder();
        first.summary = new DataFetcher(one, data, once, first).run();
        assertThat(first.summary.failures()).singleElement().satisfies(f -> assertThat(f.detail()).contains("giving up", "after 1 attempts", PLAIN.length / 2 + " bytes kept"));
        assertThat(data.resolve(PLAIN_FILE.path())).doesNotExist();
        assertThat(data.resolve(DataFetcher.WORK).resolve(PLAIN_ORIGINAL.sha256() + ".part")).hasSize(PLAIN.length / 2);

        mirror.clearFaults();
        assertThat(runOne().summary.failures()).isEmpty();
        assertThat(mirror.lastRange(PLAIN_ORIGINAL)).isEqualTo("bytes=" + PLAIN.length / 2 + "-");
        assertVerifiedAndClean();
    }

    @Test
    void aCorruptFileInTheLayoutIsFetchedAgain() throws IOException {
        Files.createDirectories(data.resolve("ds"));
        Files.write(data.resolve(PLAIN_FILE.path()), new byte[]{1, 2, 3});
        Recorder r = runOne();
        assertThat(r.messages).anyMatch(m -> m.contains("present but its content SHA-256 is") && m.contains("fetching it again"));
        assertVerifiedAndClean();
    }

    @Test
    void aDerivedFileWhoseContentDoesNotMatchIsNotWritten() throws IOException {
        LayoutFile wrong = new LayoutFile("ds/wrong.bin", Derivation.IDENTICAL, List.of(PLAIN_ORIGINAL), "0".repeat(64), "");
        Recorder r = run(new Manifest(List.of(wrong), MANIFEST.licences()));
        assertThat(r.summary.failures()).singleElement().satisfies(f -> assertThat(f.detail())
                .contains("ds/wrong.bin", "content SHA-256 " + PLAIN_ORIGINAL.sha256(), "does not match the manifest's " + "0".repeat(64), "not written"));
        assertThat(filesUnder(data.resolve("ds"))).isEmpty();
    }

    @Test
    void mirrorReplacesSchemeAndHostAndKeepsThePath() {
        assertThat(GZ_ORIGINAL.source("http://127.0.0.1:9/base/").toString()).isEqualTo("http://127.0.0.1:9/base/o/r/c/data/text%20file.tsv");
        assertThat(GZ_ORIGINAL.source(null).toString()).isEqualTo(GZ_ORIGINAL.url());
    }

    private Recorder runOne() {
        return run(new Manifest(List.of(PLAIN_FILE), MANIFEST.licences()));
    }

    private Recorder run(Manifest manifest) {
        Recorder r = new Recorder();
        FetchSettings fast = new FetchSettings(mirror.url(), 4, Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofMillis(300));
        r.summary = new DataFetcher(manifest, data, fast, r).run();
        mirror.clearFaults();
        return r;
    }

    private void assertVerifiedAndClean() {
        assertThat(data.resolve(PLAIN_FILE.path())).hasBinaryContent(PLAIN);
        assertThat(filesUnder(data)).containsExactly(data.resolve(PLAIN_FILE.path()));
    }

    private static List<Path> filesUnder(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final class Recorder implements FetchListener {
        final List<String> licences = new ArrayList<>();
        final List<String> messages = new ArrayList<>();
        long totalSeen;
        FetchSummary summary;

        @Override
        public void licence(String line) {
            licences.add(line);
        }

        @Override
        public void progress(Original original, long done, long totalDone, long totalBytes) {
            totalSeen = Math.max(totalSeen, totalDone);
            assertThat(totalBytes).isPositive();
        }

        @Override
        public void message(String text) {
            messages.add(text);
        }
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] randomText(int lines, long seed) {
        Random r = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lines / 10; i++) out.writeBytes((i + "\t" + r.nextInt(1000) + "\n").getBytes());
        return out.toByteArray();
    }

    private static String sha(byte[] b) {
        return HexFormat.of().formatHex(Hashing.sha256().digest(b));
    }
}
