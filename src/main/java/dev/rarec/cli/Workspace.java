package dev.rarec.cli;

import dev.rarec.corpus.MentionDetector;
import dev.rarec.generator.Pipeline;

/**
 * Opens what the surfaces need from the home folder: corpus, embeddings, the trained retriever and
 * the chosen generator, building whatever is missing. (Wired by the integration step.)
 */
public final class Workspace implements AutoCloseable {
    private final Pipeline pipeline;
    private final MentionDetector mentions;

    private Workspace(Pipeline pipeline, MentionDetector mentions) {
        this.pipeline = pipeline;
        this.mentions = mentions;
    }

    public static Workspace open(CommonOptions common, GeneratorOptions generator) {
        throw new UnsupportedOperationException("Workspace.open is wired during integration");
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    public MentionDetector mentions() {
        return mentions;
    }

    @Override
    public void close() {}
}
