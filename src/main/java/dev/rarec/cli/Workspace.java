package dev.rarec.cli;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.MentionDetector;
import dev.rarec.corpus.TitleIndex;
import dev.rarec.corpus.TitleMentionDetector;
import dev.rarec.embed.Encoders;
import dev.rarec.embed.ItemEmbeddings;
import dev.rarec.embed.MemoisedEncoder;
import dev.rarec.embed.TextEncoder;
import dev.rarec.generator.CandidateSource;
import dev.rarec.generator.Generator;
import dev.rarec.generator.HybridCandidates;
import dev.rarec.generator.PaperCandidates;
import dev.rarec.generator.LlmGenerator;
import dev.rarec.generator.Pipeline;
import dev.rarec.generator.RetrieverOrder;
import dev.rarec.generator.SemanticReranker;
import dev.rarec.generator.llm.ChatClient;
import dev.rarec.generator.llm.LlmConfig;
import dev.rarec.generator.llm.ResponseCache;
import dev.rarec.retriever.Retriever;
import dev.rarec.retriever.SequentialRetriever;
import dev.rarec.understanding.ConstraintParser;
import dev.rarec.understanding.IntentReader;
import dev.rarec.understanding.PersonIndex;
import dev.rarec.util.RarecHome;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Opens what the surfaces and the experiment commands need from the home folder: corpus, item
 * embeddings, a trained retriever and the chosen generator, assembled into the one {@link Pipeline}.
 * A missing piece is a clear error that says which command makes it.
 */
public final class Workspace implements AutoCloseable {
    private final Corpus corpus;
    private final ItemEmbeddings embeddings;
    private final Generator generator;
    private final TextEncoder encoder;
    private final GeneratorOptions options;
    /** The pipeline around the run's retriever; null when opened without it. */
    private Pipeline pipeline;
    /** The first pipeline built; those around other retrievers are made from it. */
    private Pipeline template;
    private final String run;
    /** Native resources in the order they were opened; closed in reverse. */
    private final List<AutoCloseable> resources;
    private MentionDetector mentions;
    private IntentReader reader;
    /** Texts whose embedding the workspace's encoder remembers: a few hundred conversations. */
    static final int ENCODED_TEXTS = 4096;

    private Workspace(Corpus corpus, ItemEmbeddings embeddings, Generator generator, TextEncoder encoder, GeneratorOptions options,
                      String run, List<AutoCloseable> resources) {
        this.corpus = corpus;
        this.embeddings = embeddings;
        this.generator = generator;
        this.encoder = encoder;
        this.options = options;
        this.run = run;
        this.resources = resources;
    }

    /**
     * The pipeline with the candidate source named by --candidates: hybrid (the default) reads what the
     * user said through an {@link IntentReader}; paper is the retriever alone. The reader, with its title
     * and person indexes, is built on first use: evaluating paper candidates never reads the text.
     */
    private Pipeline build(Retriever retriever) {
        String candidates = options.candidates;
        CandidateSource source = switch (candidates == null ? HybridCandidates.NAME : candidates) {
            case HybridCandidates.NAME -> new HybridCandidates(corpus, retriever, embeddings.matrix(), encoder,
                    options.hybridWeights == null ? HybridCandidates.Weights.DEFAULT : HybridCandidates.Weights.parse(options.hybridWeights));
            case PaperCandidates.NAME -> new PaperCandidates(retriever);
            default -> throw new IllegalArgumentException("unknown candidate source '" + candidates + "': use hybrid or paper");
        };
        return new Pipeline(corpus, retriever, generator, source, this::intentReader);
    }

    /** Corpus, embeddings, the run's retriever and the chosen generator, assembled into the pipeline. */
    public static Workspace open(CommonOptions common, GeneratorOptions options) {
        return open(common, options, true);
    }

    /**
     * The same without the run's retriever: training opens its own policy (and reference) from checkpoints,
     * and another copy of the item matrix would only hold native memory. {@link #pipeline()} is then absent;
     * {@link #pipeline(Retriever)} puts the policy into the same pipeline.
     */
    public static Workspace openWithoutRetriever(CommonOptions common, GeneratorOptions options) {
        return open(common, options, false);
    }

    private static Workspace open(CommonOptions common, GeneratorOptions options, boolean withRetriever) {
        RarecHome home = common.home();
        String run = ModelRuns.resolve(home, options.model);
        ModelRuns.RunInfo info = ModelRuns.read(home, run);
        Corpus corpus = loadCorpus(home);
        ItemEmbeddings embeddings = loadEmbeddings(home, corpus, info.encoder());
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            // The candidate source and the generator embed the same messages, and chat resends them every turn.
            TextEncoder encoder = new MemoisedEncoder(Encoders.create(info.encoder()), ENCODED_TEXTS);
            opened.add(encoder);
            Optional<SequentialRetriever> retriever = Optional.empty();
            if (withRetriever) {
                retriever = Optional.of(SequentialRetriever.load(ModelRuns.checkpoint(home, run), embeddings.matrix()));
                opened.add(retriever.get());
            }
            Generator generator = generator(home, options, encoder, embeddings);
            if (generator instanceof AutoCloseable c) opened.add(c);
            Workspace ws = new Workspace(corpus, embeddings, generator, encoder, options, run, opened);
            retriever.ifPresent(r -> ws.pipeline = ws.pipeline(r));
            return ws;
        } catch (RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
    }

    /**
     * Closes every resource, last opened first, even when one fails. A failure is added to {@code primary}
     * (the error that made the caller give up) as suppressed; without one, the first failure is thrown after
     * all were tried, with the others suppressed.
     */
    static void closeAll(List<AutoCloseable> resources, RuntimeException primary) {
        RuntimeException failure = primary;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (failure == null) failure = new IllegalStateException("cannot close " + resources.get(i) + ": " + e.getMessage(), e);
                else failure.addSuppressed(e);
            }
        }
        if (failure != null && failure != primary) throw failure;
    }

    static Corpus loadCorpus(RarecHome home) {
        if (!Corpus.existsIn(home.corpus())) {
            throw new IllegalStateException("no corpus in " + home.corpus() + ": run `rarec corpus build` (or `./rarec quickstart`)");
        }
        return Corpus.load(home.corpus());
    }

    static ItemEmbeddings loadEmbeddings(RarecHome home, Corpus corpus, String encoderSpec) {
        String modelId = Encoders.modelId(encoderSpec, dev.rarec.embed.EncoderOptions.defaults());
        var dir = ItemEmbeddings.directory(home.embeddings(), modelId);
        if (!ItemEmbeddings.existsIn(dir)) {
            throw new IllegalStateException("no item embeddings for encoder '" + encoderSpec + "' in " + dir
                    + ": run `rarec embed --encoder " + encoderSpec + "`");
        }
        return ItemEmbeddings.load(dir, corpus);
    }

    /** The generator named by --generator: builtin (default), retriever (keeps the retriever's order) or llm. */
    static Generator generator(RarecHome home, GeneratorOptions options, TextEncoder encoder, ItemEmbeddings embeddings) {
        return switch (options.generator) {
            case SemanticReranker.NAME -> new SemanticReranker(encoder, embeddings::vector,
                    SemanticReranker.Settings.defaults(options.candidates, options.fusionWeight()));
            case RetrieverOrder.NAME -> new RetrieverOrder();
            case "llm" -> new LlmGenerator(options.noCache ? new ChatClient(llmConfig(options))
                    : new ChatClient(llmConfig(options), ResponseCache.in(home)));
            default -> throw new IllegalArgumentException("unknown generator '" + options.generator
                    + "': use builtin, retriever or llm");
        };
    }

    static LlmConfig llmConfig(GeneratorOptions o) {
        String baseUrl = firstNonBlank(o.baseUrl, System.getenv("RAREC_LLM_BASE_URL"), LlmConfig.DEFAULT_BASE_URL);
        String model = firstNonBlank(o.llmModel, System.getenv("RAREC_LLM_MODEL"), null);
        if (model == null) throw new IllegalArgumentException("--generator llm needs a model: --llm-model or $RAREC_LLM_MODEL");
        if (!(o.timeoutSeconds > 0)) throw new IllegalArgumentException("--llm-timeout must be a positive number of seconds, got " + o.timeoutSeconds);
        return new LlmConfig(baseUrl, model, o.apiKeyEnv, o.temperature, o.maxTokens, Optional.ofNullable(o.reasoningEffort),
                o.concurrency, Duration.ofMillis(Math.round(o.timeoutSeconds * 1000)), o.maxRetries);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v;
        return null;
    }

    public synchronized Pipeline pipeline() {
        if (pipeline == null) throw new IllegalStateException("this workspace was opened without a retriever");
        return pipeline;
    }

    /**
     * The pipeline of the chosen generator and candidate source (--candidates) around {@code retriever}, e.g. a
     * policy being trained: RL rewards and validation then go through what `rarec eval` and the surfaces use.
     */
    public synchronized Pipeline pipeline(Retriever retriever) {
        if (template == null) template = build(retriever);
        return template.retriever() == retriever ? template : template.with(retriever, generator);
    }

    /** The title detector of chat and the API, built on first use (its title index takes seconds). */
    public synchronized MentionDetector mentions() {
        if (mentions == null) mentions = TitleMentionDetector.of(TitleIndex.of(corpus));
        return mentions;
    }

    /** What the hybrid candidates and the chat history rules read a conversation with, built on first use. */
    private synchronized IntentReader intentReader() {
        if (reader == null) reader = new IntentReader(mentions(), new ConstraintParser(PersonIndex.of(corpus)));
        return reader;
    }

    public Corpus corpus() {
        return corpus;
    }

    public ItemEmbeddings embeddings() {
        return embeddings;
    }

    public Generator generator() {
        return generator;
    }

    /** The retriever run this workspace serves. */
    public String run() {
        return run;
    }

    @Override
    public void close() {
        closeAll(resources, null);
    }
}
