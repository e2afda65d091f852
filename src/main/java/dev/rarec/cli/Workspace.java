package dev.rarec.cli;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.MentionDetector;
import dev.rarec.corpus.TitleIndex;
import dev.rarec.corpus.TitleMentionDetector;
import dev.rarec.embed.Encoders;
import dev.rarec.embed.ItemEmbeddings;
import dev.rarec.embed.TextEncoder;
import dev.rarec.generator.Generator;
import dev.rarec.generator.LlmGenerator;
import dev.rarec.generator.Pipeline;
import dev.rarec.generator.RetrieverOrder;
import dev.rarec.generator.SemanticReranker;
import dev.rarec.generator.llm.ChatClient;
import dev.rarec.generator.llm.LlmConfig;
import dev.rarec.generator.llm.ResponseCache;
import dev.rarec.retriever.SequentialRetriever;
import dev.rarec.util.RarecHome;

import java.time.Duration;
import java.util.Optional;

/**
 * Opens what the surfaces and the experiment commands need from the home folder: corpus, item
 * embeddings, a trained retriever and the chosen generator, assembled into the one {@link Pipeline}.
 * A missing piece is a clear error that says which command makes it.
 */
public final class Workspace implements AutoCloseable {
    private final Corpus corpus;
    private final ItemEmbeddings embeddings;
    private final TextEncoder encoder;
    private final SequentialRetriever retriever;
    private final Generator generator;
    private final Pipeline pipeline;
    private final String run;
    private MentionDetector mentions;

    private Workspace(Corpus corpus, ItemEmbeddings embeddings, TextEncoder encoder, SequentialRetriever retriever,
                      Generator generator, String run) {
        this.corpus = corpus;
        this.embeddings = embeddings;
        this.encoder = encoder;
        this.retriever = retriever;
        this.generator = generator;
        this.run = run;
        this.pipeline = new Pipeline(corpus, retriever, generator);
    }

    public static Workspace open(CommonOptions common, GeneratorOptions options) {
        RarecHome home = common.home();
        String run = ModelRuns.resolve(home, options.model);
        ModelRuns.RunInfo info = ModelRuns.read(home, run);
        Corpus corpus = loadCorpus(home);
        ItemEmbeddings embeddings = loadEmbeddings(home, corpus, info.encoder());
        TextEncoder encoder = Encoders.create(info.encoder());
        SequentialRetriever retriever = SequentialRetriever.load(ModelRuns.checkpoint(home, run), embeddings.matrix());
        Generator generator = generator(home, options, encoder, embeddings);
        return new Workspace(corpus, embeddings, encoder, retriever, generator, run);
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
            case SemanticReranker.NAME -> new SemanticReranker(encoder, embeddings::vector, options.fusionWeight);
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

    public Pipeline pipeline() {
        return pipeline;
    }

    public synchronized MentionDetector mentions() {
        if (mentions == null) mentions = TitleMentionDetector.of(TitleIndex.of(corpus));
        return mentions;
    }

    public Corpus corpus() {
        return corpus;
    }

    public ItemEmbeddings embeddings() {
        return embeddings;
    }

    public SequentialRetriever retriever() {
        return retriever;
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
        retriever.close();
        encoder.close();
        if (generator instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close generator: " + e.getMessage(), e);
            }
        }
    }
}
