package dev.rarec.cli;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.rarec.corpus.Corpus;
import dev.rarec.embed.EncoderOptions;
import dev.rarec.embed.Encoders;
import dev.rarec.embed.ItemEmbeddings;
import dev.rarec.generator.ConversationRecommender;
import dev.rarec.serve.ConversationReader;
import dev.rarec.serve.ResultFormat;
import dev.rarec.util.Evidence;
import dev.rarec.util.RarecHome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The main job on the embedded defaults: builds whatever is missing in the home folder (corpus,
 * item embeddings, a pretrained LRURec retriever) through the same commands a user would run, then
 * answers a sample conversation with the built-in generator and says how to go on. The wall seconds of
 * each stage go to {@code <home>/runs/quickstart-timing.json} and a one-line breakdown at the end.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Build what is missing (corpus, embeddings, a retriever), answer a sample conversation, show what to do next.")
public final class QuickstartCommand implements Callable<Integer> {
    static final String SAMPLE = """
            user: Hi! I loved The Matrix (1999) and Inception (2010). Can you recommend something similar?
            assistant: Do you like mind-bending science fiction in general?
            user: Yes, smart sci-fi with a twist, maybe something darker like Blade Runner.
            """;

    @Mixin CommonOptions common;

    /**
     * The default encoder cut at 64 tokens: it embeds the corpus in about 5 instead of 8 minutes on 2 cores,
     * which keeps the first run under 10 minutes; what the cut costs is in docs/benchmarks.md (Embedding).
     */
    static final String QUICK_ENCODER = "minilm-max64";
    static final String PRETRAINED = "quickstart-lrurec";
    static final String FINE_TUNED = "quickstart-sft";
    /** Wall seconds of each stage of the last quickstart, under {@code <home>/runs}; scripts/time-quickstart.sh collects it. */
    static final String TIMING_FILE = "quickstart-timing.json";

    @Option(names = "--encoder", defaultValue = QUICK_ENCODER,
            description = "Text encoder of the item embeddings (default: ${DEFAULT-VALUE}, the default encoder cut at 64 tokens to keep the first run short; "
                    + "`--encoder minilm` embeds the full texts, as `rarec embed` does).")
    String encoder;

    /**
     * MovieLens pretraining only gives the fine-tuning its starting point: the two minutes the quickstart
     * used to spend were 35 steps (MovieLens N@10 .004). Six seconds of it cost about .004 ReDial validation
     * N@10 against two minutes (docs/results.md, "Quickstart recipe") and save about 80 s, which the ten
     * minutes need for fine-tuning on every conversation example.
     */
    @Option(names = "--pretrain-minutes", description = "Time budget of the retriever's pretraining when one must be trained (default: ${DEFAULT-VALUE}).", defaultValue = "0.1")
    double pretrainMinutes;

    /**
     * Conversation examples the retriever is fine-tuned on: all of ReDial's text and mention sequences and
     * INSPIRED (31,087), which batches of 128 fit into the quickstart's ten minutes on 2 cores.
     */
    @Option(names = "--fine-tune-examples", description = "Conversation examples of the fine-tuning (ReDial text and mention sequences, INSPIRED; default: ${DEFAULT-VALUE}, i.e. all).",
            defaultValue = "40000")
    int fineTuneExamples;

    /**
     * Examples per fine-tuning step and peak learning rate: a step of 128 examples trains about 2.3 times as many
     * examples a second as one of 32 (docs/benchmarks.md, SFT step), and at 3e-3 one epoch of them reaches
     * the validation figure of batches of 32 at 1e-3 (.0835 against .0848, docs/results.md).
     */
    static final int FINE_TUNE_BATCH = 128;
    static final String FINE_TUNE_LR = "3e-3";

    /**
     * Passes over the examples. Once the allocator settings made a step four times as fast, a second epoch fitted
     * into the ten minutes; on 600 ReDial validation examples it raised the default pipeline's N@10 from .0883 to
     * .0974 (docs/results.md, "Fourth round").
     */
    static final int FINE_TUNE_EPOCHS = 2;

    /**
     * PyTorch threads of the two training stages. The launcher gives every command one thread, because two lose
     * badly on a busy machine (docs/benchmarks.md, section 2); the quickstart normally has the machine to itself,
     * where two threads fine-tuned about 1.2 times as fast as one (docs/results/allocator).
     */
    @Option(names = "--train-threads", defaultValue = "0",
            description = "PyTorch threads while pretraining and fine-tuning (default: ${DEFAULT-VALUE}, every core); other stages keep the launcher's setting.")
    int trainThreads;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        Map<String, Double> stages = new LinkedHashMap<>();
        timed(stages, "data", () -> DataFetchCommand.ensureData(common.dataDir()));
        RarecHome home = common.home();
        List<String> shared = new ArrayList<>(List.of("--home", home.root().toString(), "--seed", Long.toString(common.seed())));
        if (common.dataDir != null) shared.addAll(List.of("--data-dir", common.dataDir.toString()));

        if (!Corpus.existsIn(home.corpus())) {
            step("1/4 building the movie corpus", "corpus", "build");
            timed(stages, "corpus", () -> run(shared, "corpus", "build"));
        } else {
            step("1/4 corpus present in " + home.corpus());
        }
        String modelId = Encoders.modelId(encoder, EncoderOptions.defaults());
        if (!ItemEmbeddings.existsIn(ItemEmbeddings.directory(home.embeddings(), modelId))) {
            step("2/4 embedding the corpus with " + modelId);
            timed(stages, "embedding", () -> run(shared, "embed", "--encoder", encoder));
        } else {
            step("2/4 item embeddings present for " + modelId);
        }
        int threads = 0;
        if (!Files.isRegularFile(home.models().resolve(ModelRuns.CURRENT))) {
            threads = trainThreads > 0 ? trainThreads : Runtime.getRuntime().availableProcessors();
            int threadsBefore = torchThreads(threads);
            try {
                step(String.format(Locale.ROOT, "3/4 initialising an LRURec retriever on MovieLens sessions (%.0f s budget, %d PyTorch threads)",
                        pretrainMinutes * 60, JniUtils.getNumThreads()));
                timed(stages, "pretraining", () -> run(shared, "pretrain", "--model", "lrurec", "--encoder", encoder, "--run", PRETRAINED,
                        "--max-minutes", Double.toString(pretrainMinutes), "--no-set-current"));
                // What people ask for in a conversation is what the retriever must learn to read: the same
                // recipe as the documented SFT pipeline, on ReDial's text and mention sequences and INSPIRED.
                step(String.format(Locale.ROOT, "4/4 fine-tuning it on up to %,d conversation examples (ReDial, INSPIRED), %d epochs", fineTuneExamples,
                        FINE_TUNE_EPOCHS));
                timed(stages, "fineTuning", () -> run(shared, "train", "--method", "sft", "--dataset", "redial", "--also-train", "redial-seq",
                        "--also-train", "inspired", "--init", PRETRAINED, "--run", FINE_TUNED, "--lr", FINE_TUNE_LR, "--batch-size", Integer.toString(FINE_TUNE_BATCH),
                        "--epochs", Integer.toString(FINE_TUNE_EPOCHS),
                        "--max-examples", Integer.toString(fineTuneExamples), "--eval-every", "1000000", "--valid-examples", "0",
                        // The fine-tuning validates the retriever itself: its own order over its own candidates,
                        // which takes seconds, where the hybrid pipeline would scan the corpus for every example.
                        "--generator", "retriever", "--candidates", "paper", "--set-current"));
            } finally {
                torchThreads(threadsBefore);
            }
        } else {
            step("3/4 retriever present: " + ModelRuns.resolve(home, null));
        }

        timed(stages, "firstAnswer", this::answerSample);
        double total = (System.nanoTime() - t0) / 1e9;
        Path timing = home.runs().resolve(TIMING_FILE);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", "rarec " + String.join(" ", ProcessArgs.current()));
        json.put("stages", stages);
        if (threads > 0) json.put("trainThreads", threads);
        json.put("totalSeconds", total);
        json.put("jvmUptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
        Evidence.write(timing, json, true);
        System.out.printf(Locale.ROOT, "%nDone in %.0f s (%s); stage timings in %s. Next:%n", total, breakdown(stages), timing);
        System.out.println("  ./rarec chat                       talk to it in the terminal");
        System.out.println("  ./rarec serve --port 8080          HTTP API and a web page at http://127.0.0.1:8080/");
        System.out.println("  ./rarec recommend --file conv.txt  rank movies for a conversation (\"user: ...\" / \"assistant: ...\" lines)");
        System.out.println("  ./rarec --help                     every command (train, eval, ...)");
        return 0;
    }

    /** Answers {@link #SAMPLE} with the current retriever and the built-in generator, and prints the answer. */
    private void answerSample() {
        GeneratorOptions generator = new GeneratorOptions();
        CommandLine.populateCommand(generator);
        try (Workspace ws = Workspace.open(common, generator)) {
            var recommender = new ConversationRecommender(ws.pipeline(), ws.mentions());
            var messages = ConversationReader.parse(SAMPLE, "sample conversation");
            var result = recommender.recommend(messages, 5);
            PrintWriter out = new PrintWriter(System.out, true);
            out.println();
            out.println("Sample conversation:");
            SAMPLE.lines().forEach(l -> out.println("  " + l));
            String understood = ResultFormat.understood(result);
            if (!understood.isEmpty()) out.println(understood);
            out.println("Recommendations (retriever " + ws.run() + " + " + result.generator() + " generator):");
            ResultFormat.print(out, result, "");
            out.flush();
        }
    }

    /** Sets PyTorch's intra-op threads and returns the setting it replaced. */
    private static int torchThreads(int threads) {
        Engine.getEngine("PyTorch"); // loads the natives, which apply the launcher's setting first
        int before = JniUtils.getNumThreads();
        JniUtils.setNumThreads(threads);
        return before;
    }

    /** Runs one stage and records its wall seconds under {@code name}. */
    private static void timed(Map<String, Double> stages, String name, Runnable stage) {
        long t0 = System.nanoTime();
        stage.run();
        stages.put(name, (System.nanoTime() - t0) / 1e9);
    }

    /** "corpus 61 s, embedding 290 s, ...": the stages that ran, in order. */
    static String breakdown(Map<String, Double> stages) {
        StringBuilder b = new StringBuilder();
        stages.forEach((name, seconds) -> b.append(b.isEmpty() ? "" : ", ").append(name).append(' ')
                .append(String.format(Locale.ROOT, "%.0f s", seconds)));
        return b.toString();
    }

    private static void step(String... what) {
        System.err.println("quickstart: " + String.join(" ", what));
    }

    private static void run(List<String> shared, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(shared);
        int code = Rarec.commandLine().execute(args.toArray(String[]::new));
        if (code != 0) throw new IllegalStateException("quickstart step `rarec " + String.join(" ", args) + "` failed (exit " + code + ")");
    }
}
