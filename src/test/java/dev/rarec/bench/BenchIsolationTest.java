package dev.rarec.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN.md: benchmarks measure product code and no product package imports them (only cli commands do). */
class BenchIsolationTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/rarec");

    @Test
    void noProductPackageImportsTheBenchmarks() throws IOException {
        assertThat(SOURCES.resolve("bench")).isDirectory();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.startsWith(SOURCES.resolve("bench")) && !p.startsWith(SOURCES.resolve("cli")))
                    .filter(p -> read(p).contains("dev.rarec.bench"))
                    .map(Path::toString).toList();
        }
        assertThat(offenders).as("product sources that mention dev.rarec.bench").isEmpty();
    }

    @Test
    void everyBenchmarkLivesInTheBenchPackage() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<String> elsewhere = files.filter(p -> p.getFileName().toString().matches(".*(Benchmark|Bench)\\.java"))
                    .filter(p -> !p.startsWith(SOURCES.resolve("bench"))).map(Path::toString).toList();
            assertThat(elsewhere).isEmpty();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
