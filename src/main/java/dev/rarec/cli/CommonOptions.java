package dev.rarec.cli;

import dev.rarec.util.DataDir;
import dev.rarec.util.RarecHome;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every command shares, mixed in with {@code @Mixin}. */
public final class CommonOptions {
    @Option(names = "--home", description = "Folder holding all rarec state (default: ${DEFAULT-VALUE}).", defaultValue = "rarec-home")
    Path home;

    @Option(names = "--data-dir", description = "Datasets folder (default: $RAREC_DATA, then ../shared/data, then ./data).")
    Path dataDir;

    @Option(names = "--seed", description = "Seed of the run's one random source (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    public RarecHome home() {
        return new RarecHome(home);
    }

    public Path dataDir() {
        return DataDir.resolve(dataDir);
    }

    public long seed() {
        return seed;
    }
}
