package dev.rarec.util;

import java.nio.file.Path;

/**
 * The one folder that holds all of rarec's state ({@code --home}, default {@code ./rarec-home}):
 * corpus, embeddings, models, runs and the LLM response cache.
 */
public record RarecHome(Path root) {
    public static final Path DEFAULT = Path.of("rarec-home");

    public Path corpus() {
        return root.resolve("corpus");
    }

    public Path embeddings() {
        return root.resolve("embeddings");
    }

    public Path models() {
        return root.resolve("models");
    }

    public Path model(String run) {
        return models().resolve(run);
    }

    public Path runs() {
        return root.resolve("runs");
    }

    public Path run(String run) {
        return runs().resolve(run);
    }

    public Path cache() {
        return root.resolve("cache");
    }

    public Path llmCache() {
        return cache().resolve("llm");
    }
}
