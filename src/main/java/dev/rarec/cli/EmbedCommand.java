package dev.rarec.cli;

import dev.rarec.corpus.Corpus;
import dev.rarec.embed.EmbeddingCache;
import dev.rarec.embed.EmbeddingListener;
import dev.rarec.embed.EncoderOptions;
import dev.rarec.embed.Encoders;
import dev.rarec.embed.ItemEmbeddings;
import dev.rarec.embed.TextEncoder;
import dev.rarec.util.RarecHome;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

/** {@code rarec embed}: the text embedding of every corpus item, through the on-disk cache. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Embed every corpus item's key-value text (title, year, genre, director, cast, plot) and store the matrix "
                + "under <home>/embeddings/<model>/.",
                "Vectors are cached per (model, text) under <home>/cache/embeddings: an interrupted run (Ctrl-C) resumes where it "
                        + "stopped, and after the corpus grows only the new items are embedded."})
public final class EmbedCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--encoder", defaultValue = Encoders.DEFAULT_SPEC,
            description = "minilm (default, all-MiniLM-L6-v2 int8, in process), bge-small (bge-small-en-v1.5 int8, in process), "
                    + "either with an optional -max<N> suffix to truncate texts to N tokens (minilm-max64), "
                    + "or openai:<model> (any OpenAI-compatible /embeddings endpoint, e.g. openai:Qwen/Qwen3-Embedding-0.6B on vLLM).")
    String encoder;

    @Option(names = "--base-url", defaultValue = EncoderOptions.DEFAULT_BASE_URL,
            description = "Base URL of the OpenAI-compatible API for openai:<model> (default: ${DEFAULT-VALUE}).")
    String baseUrl;

    @Option(names = "--api-key-env", defaultValue = EncoderOptions.DEFAULT_API_KEY_ENV,
            description = "Environment variable holding the API key (default: ${DEFAULT-VALUE}); unset = no key sent. The key is never logged or cached.")
    String apiKeyEnv;

    @Option(names = "--batch-size", defaultValue = "64",
            description = "Texts per encoder call and per cache chunk; an interruption loses at most one batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--max-tokens", defaultValue = "0",
            description = "In-process encoders: truncate each text to this many tokens; 0 = the model's default (minilm 256, bge-small 512). "
                    + "A non-default value is part of the model id.")
    int maxTokens;

    @Option(names = "--threads", defaultValue = "0", description = "In-process encoders: ONNX Runtime threads; 0 = all cores.")
    int threads;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RarecHome home = common.home();
        Corpus corpus = Corpus.load(home.corpus());
        EncoderOptions options = new EncoderOptions(baseUrl, apiKeyEnv, maxTokens, threads);
        EmbeddingCache cache = EmbeddingCache.open(home.cache().resolve("embeddings"));
        long start = System.nanoTime();
        try (TextEncoder textEncoder = Encoders.create(encoder, options);
             Progress progress = new Progress(textEncoder.modelId())) {
            Path dir = ItemEmbeddings.directory(home.embeddings(), textEncoder.modelId());
            out.printf("embedding %,d corpus items with %s (cache: %s)%n", corpus.size(), textEncoder.modelId(), cache.directory());
            out.flush();
            // Ctrl-C ends the JVM without unwinding this thread; the cache chunks are already safe, so just say how to resume.
            Thread onInterrupt = new Thread(() -> System.err.printf("%ninterrupted after %,d of %,d items; finished batches are cached: "
                    + "run `rarec embed` again to resume%n", progress.done, corpus.size()));
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            ItemEmbeddings embeddings;
            try {
                embeddings = ItemEmbeddings.build(corpus, textEncoder, cache, dir, batchSize, progress);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(onInterrupt);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is already running and reports the interruption
                }
            }
            progress.close();
            double seconds = (System.nanoTime() - start) / 1e9;
            int fresh = corpus.size() - progress.cachedAtStart;
            out.printf("wrote %s: %,d x %d (model %s); %,d from the cache, %,d newly embedded, %.1f s%s%n",
                    dir, embeddings.size(), embeddings.dimension(), embeddings.modelId(), progress.cachedAtStart, fresh, seconds,
                    fresh > 0 ? String.format(" (%.0f items/s)", fresh / seconds) : "");
        }
        return 0;
    }

    /** Draws the progress bar: speed and ETA count only the texts embedded in this run. */
    private static final class Progress implements EmbeddingListener, AutoCloseable {
        private final String task;
        private ProgressBar bar;
        int cachedAtStart = -1;
        volatile int done;

        Progress(String task) {
            this.task = task;
        }

        @Override
        public void onProgress(int done, int total) {
            if (bar == null) {
                cachedAtStart = done;
                bar = new ProgressBarBuilder().setTaskName("embed " + task).setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII).setUnit(" items", 1).showSpeed()
                        .setSpeedUnit(ChronoUnit.SECONDS).startsFrom(done, Duration.ZERO).build();
            }
            this.done = done;
            bar.stepTo(done);
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
