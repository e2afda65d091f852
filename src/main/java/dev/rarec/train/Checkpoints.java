package dev.rarec.train;

import dev.rarec.retriever.TrainableRetriever;
import dev.rarec.util.AtomicFiles;
import dev.rarec.util.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The two checkpoints of a run under its output folder: {@code best/} (the retriever with the best
 * validation NDCG@10, plus {@code best.json}) and {@code last/} (the latest state plus
 * {@code trainer-state.json}, to resume from). Each is written to a {@code .tmp} folder and swapped in by
 * renames, so an interruption leaves a complete old or new checkpoint, never a mix.
 */
final class Checkpoints {
    static final String BEST = "best";
    static final String LAST = "last";
    static final String STATE_FILE = "trainer-state.json";
    static final String BEST_FILE = "best.json";

    private Checkpoints() {}

    /** The last state and the folder holding its weights, if the run was started before. */
    record Saved(Path dir, RunState state) {}

    static Optional<Saved> loadLast(Path outDir) {
        for (String name : new String[] {LAST, LAST + ".old"}) {
            Path file = outDir.resolve(name).resolve(STATE_FILE);
            if (Files.isRegularFile(file)) {
                try {
                    return Optional.of(new Saved(file.getParent(), Json.MAPPER.readValue(file.toFile(), RunState.class)));
                } catch (IOException e) {
                    throw new IllegalStateException(file + ": not a trainer state (" + e.getMessage() + "); delete "
                            + outDir + " to start the run afresh", e);
                }
            }
        }
        return Optional.empty();
    }

    /** The validation score recorded with the best checkpoint on disk, if any. */
    static Optional<Double> bestOnDisk(Path outDir) {
        Path file = outDir.resolve(BEST).resolve(BEST_FILE);
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            return Optional.of(Json.MAPPER.readTree(file.toFile()).path("validation").asDouble());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static void saveLast(TrainableRetriever policy, RetrieverLoader loader, RunState state, Path outDir) {
        replace(outDir, LAST, dir -> {
            policy.save(dir);
            loader.saveTrainingState(policy, dir);
            AtomicFiles.writeJson(dir.resolve(STATE_FILE), state);
        });
    }

    static void saveBest(TrainableRetriever policy, int step, double validation, Path outDir) {
        replace(outDir, BEST, dir -> {
            policy.save(dir);
            AtomicFiles.writeJson(dir.resolve(BEST_FILE), Map.of("step", step, "validation", validation));
        });
    }

    private interface DirWriter {
        void write(Path dir);
    }

    private static void replace(Path outDir, String name, DirWriter writer) {
        Path target = outDir.resolve(name);
        Path tmp = outDir.resolve(name + ".tmp");
        Path old = outDir.resolve(name + ".old");
        try {
            deleteRecursively(tmp);
            Files.createDirectories(tmp);
            writer.write(tmp);
            deleteRecursively(old);
            if (Files.exists(target)) Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            deleteRecursively(old);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + target, e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
