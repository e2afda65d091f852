package dev.rarec.cli;

import dev.rarec.util.AtomicFiles;
import dev.rarec.util.Json;
import dev.rarec.util.RarecHome;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trained retrievers under {@code <home>/models}: each run folder holds {@code best/} (the
 * checkpoint with the best validation NDCG@10), {@code last/} (for resuming) and {@code run.json}
 * (what it is and what it needs, e.g. the text encoder its item tower was trained on).
 * {@code <home>/models/CURRENT} names the run the surfaces use by default: the last one trained.
 */
final class ModelRuns {
    static final String RUN_FILE = "run.json";
    static final String CURRENT = "CURRENT";

    /** What a run is: its kind (pretrain, sft, dpo, grpo, simpo), retriever, encoder and the run it started from. */
    record RunInfo(String run, String kind, String retriever, String encoder, String parent, String dataset,
                   Map<String, Object> settings, Map<String, Object> result) {}

    private ModelRuns() {}

    static Path checkpoint(RarecHome home, String run) {
        return home.model(run).resolve("best");
    }

    static boolean exists(RarecHome home, String run) {
        return Files.isRegularFile(home.model(run).resolve(RUN_FILE)) && Files.isDirectory(checkpoint(home, run));
    }

    static void write(RarecHome home, RunInfo info) {
        AtomicFiles.writeJson(home.model(info.run()).resolve(RUN_FILE), info);
    }

    static RunInfo read(RarecHome home, String run) {
        Path file = home.model(run).resolve(RUN_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no trained retriever '" + run + "' (" + file + " is missing): train one with "
                    + "`rarec pretrain`, `rarec train` or `./rarec quickstart`");
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), RunInfo.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The CRS datasets whose train splits this run and the runs it started from were trained on, as their
     * {@code run.json} files record them ({@code settings.trainDatasets}, else the run's dataset); empty for a
     * retriever that was only pretrained. Their items are the "seen in training" group of figure 4.
     */
    static List<String> crsTrainingDatasets(RarecHome home, String run) {
        Set<String> datasets = new LinkedHashSet<>();
        Set<String> visited = new HashSet<>();
        for (String r = run; r != null && visited.add(r); ) {
            RunInfo info = read(home, r);
            Object recorded = info.settings() == null ? null : info.settings().get("trainDatasets");
            if (recorded instanceof List<?> list) {
                for (Object d : list) datasets.add(String.valueOf(d));
            } else if (!"pretrain".equals(info.kind()) && info.dataset() != null) {
                datasets.add(info.dataset());
            }
            r = info.parent();
        }
        return List.copyOf(datasets);
    }

    static void setCurrent(RarecHome home, String run) {
        AtomicFiles.writeString(home.models().resolve(CURRENT), run + "\n");
    }

    /** The run named by --model, else by CURRENT; a clear error when there is none. */
    static String resolve(RarecHome home, String requested) {
        if (requested != null && !requested.isBlank()) return requested;
        Path current = home.models().resolve(CURRENT);
        try {
            if (Files.isRegularFile(current)) return Files.readString(current, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + current + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("no retriever has been trained in " + home.root()
                + ": run `./rarec quickstart` (builds corpus, embeddings and a retriever) or name one with --model");
    }
}
