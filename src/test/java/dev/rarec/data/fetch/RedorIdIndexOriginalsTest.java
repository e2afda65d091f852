package dev.rarec.data.fetch;

import dev.rarec.util.Hashing;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real redorid-index derivation on the ten pinned originals, whose content must hash to the
 * manifest's layout SHA-256. Opt-in, as it needs the originals (the .npy and several JSON-lines copies
 * are in no data dir): {@code -Drarec.originals=DIR}, where DIR holds each original under its SHA-256
 * as its name, as {@code rarec data fetch} keeps them in {@code .fetch/} (gone after a successful run).
 */
class RedorIdIndexOriginalsTest {
    @Test
    void derivedIndexHasTheLayoutHash() throws Exception {
        String dir = System.getProperty("rarec.originals");
        assumeTrue(dir != null && !dir.isBlank(), "-Drarec.originals=DIR not set; the derivation on the real originals is not run");
        LayoutFile file = Manifest.load().files().stream().filter(f -> f.derivation() == Derivation.REDORID_INDEX).findFirst().orElseThrow();
        List<Path> originals = new ArrayList<>();
        for (Original o : file.originals()) {
            Path p = Path.of(dir).resolve(o.sha256());
            assertThat(p).as(o.url()).isRegularFile();
            assertThat(Hashing.sha256(p)).as(o.url()).isEqualTo(o.sha256());
            originals.add(p);
        }
        MessageDigest md = Hashing.sha256();
        try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), md)) {
            file.derivation().derive(file, originals, out);
        }
        assertThat(HexFormat.of().formatHex(md.digest())).isEqualTo(file.layoutSha256());
    }
}
