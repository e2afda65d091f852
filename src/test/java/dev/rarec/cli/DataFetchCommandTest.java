package dev.rarec.cli;

import dev.rarec.TestData;
import dev.rarec.bench.LoopbackMirror;
import dev.rarec.data.fetch.DataFetcher;
import dev.rarec.data.fetch.LayoutFile;
import dev.rarec.data.fetch.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rarec data fetch} through {@code execute}, against a loopback mirror serving originals rebuilt from ../shared/data. */
class DataFetchCommandTest {
    private static final Path SHARED = TestData.dataDir();

    @TempDir
    Path target;

    @Test
    void unknownDatasetIsAUsageErrorListingTheKnownOnes() {
        String[] r = Cli.run("data", "fetch", "--data-dir", target.toString(), "--only", "redial,netflix");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("unknown dataset 'netflix'", "inspired, movie_metadata, movielens, reddit_movie, redial, reference_results");
    }

    @Test
    void manifestCoversTheLayoutAndMatchesSourcesTsv() throws Exception {
        Manifest manifest = Manifest.load();
        assertThat(manifest.files()).hasSize(135);
        assertThat(manifest.files().stream().mapToInt(f -> f.originals().size()).sum()).isEqualTo(149);
        assertThat(manifest.datasets()).hasSize(6);
        assertThat(manifest.licenceLines()).anyMatch(l -> l.startsWith("MovieLens") && l.contains("do NOT redistribute"));
        TestData.require(Files.isRegularFile(SHARED.resolve("SOURCES.tsv")), "no " + SHARED.resolve("SOURCES.tsv") + ": manifest sync not checked");
        // every SOURCES.tsv row (path, url, sha256, bytes, layout hash) is in the manifest, and nothing else
        Set<String> sources = Set.copyOf(Files.readAllLines(SHARED.resolve("SOURCES.tsv")).stream().skip(1)
                .map(l -> l.split("\t")).map(c -> String.join("|", c[0], c[2], c[3], c[4], c[5])).toList());
        Set<String> ours = Set.copyOf(manifest.files().stream().flatMap(f -> f.originals().stream()
                .map(o -> String.join("|", f.path(), o.url(), o.sha256(), Long.toString(o.bytes()), f.layoutSha256()))).toList());
        assertThat(ours).isEqualTo(sources);
    }

    @Test
    void fetchesTwoDatasetsFromTheLoopbackMirrorAndEveryLayoutHashMatches() throws Exception {
        TestData.require(Files.isDirectory(SHARED.resolve("inspired")), "data dir " + SHARED.toAbsolutePath() + " not present: loopback fetch not run");
        Manifest manifest = Manifest.load();
        try (LoopbackMirror mirror = LoopbackMirror.start()) {
            mirror.serveFromLayout(manifest, SHARED);
            String[] r = Cli.run("data", "fetch", "--data-dir", target.toString(), "--mirror", mirror.url(), "--only", "inspired,reference_results");
            assertThat(r[0]).as(r[1] + r[2]).isEqualTo("0");
            List<LayoutFile> files = manifest.select(List.of("inspired", "reference_results")).files();
            assertThat(r[1]).contains("Licences of the data about to be fetched", "INSPIRED (Hayati", "He et al. (CIKM 2023)",
                    "Summary: fetched " + files.size() + ", already present and verified 0, failed 0");
            assertThat(r[1].indexOf("INSPIRED (Hayati")).isLessThan(r[1].indexOf("[1/"));
            for (LayoutFile f : files) assertThat(DataFetcher.contentSha256(target.resolve(f.path()))).as(f.path()).isEqualTo(f.expectedSha256());
            assertThat(target.resolve(DataFetcher.WORK)).doesNotExist();

            String[] again = Cli.run("data", "fetch", "--data-dir", target.toString(), "--mirror", mirror.url(), "--only", "inspired,reference_results");
            assertThat(again[1]).contains("Summary: fetched 0, already present and verified " + files.size() + ", failed 0");
        }
    }
}
