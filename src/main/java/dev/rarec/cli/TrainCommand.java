package dev.rarec.cli;

import dev.rarec.corpus.Corpus;
import dev.rarec.data.CrsExample;
import dev.rarec.data.CrsExamples;
import dev.rarec.data.Datasets;
import dev.rarec.eval.EvalOptions;
import dev.rarec.eval.Evaluator;
import dev.rarec.eval.Metrics;
import dev.rarec.generator.LlmGenerator;
import dev.rarec.retriever.SequentialRetriever;
import dev.rarec.retriever.TrainableRetriever;
import dev.rarec.train.BudgetEstimate;
import dev.rarec.train.GeneratorUsage;
import dev.rarec.train.PreferenceConfig;
import dev.rarec.train.PreferenceTrainer;
import dev.rarec.train.RetrieverLoader;
import dev.rarec.train.SftTrainer;
import dev.rarec.train.TrainResult;
import dev.rarec.util.AtomicFiles;
import dev.rarec.util.RarecHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Fine-tunes a retriever on a conversational dataset: the SFT baseline (NLL) or RAR's online, on-policy
 * preference optimisation from the generator's feedback (DPO, GRPO, SimPO, each plus NLL; eqs. 3-7,
 * algorithm 1). The checkpoint with the best validation NDCG@10 of the whole pipeline is kept.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Fine-tune the retriever: --method sft (baseline) or dpo | grpo | simpo (RAR, generator feedback).")
public final class TrainCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin GeneratorOptions generatorOptions;

    @Option(names = "--method", description = "sft, dpo, grpo or simpo (default: ${DEFAULT-VALUE}).", defaultValue = "dpo")
    String method;

    @Option(names = "--dataset", description = "redial or inspired (default: ${DEFAULT-VALUE}).", defaultValue = "redial")
    String dataset;

    @Option(names = "--also-train", description = "Add the train split of another dataset, repeatable (e.g. redial-seq: "
            + "the ReDial mention sequences without text, 27K examples; raise --max-examples to use them).")
    List<String> alsoTrain = new ArrayList<>();

    @Option(names = "--init", description = "Run to start from (default: --model, else CURRENT).")
    String init;

    @Option(names = "--run", description = "Name of the new run (default: <dataset>-<method>[-b<beta>]).")
    String run;

    @Option(names = "--beta", description = "β of DPO/SimPO/GRPO (default: 0.1; appendix A.2 searches 0.05, 0.1, 0.2).")
    Double beta;

    @Option(names = "--gamma", description = "SimPO margin γ (default: 0.5).")
    Double gamma;

    @Option(names = "--group-size", description = "Candidate sets per example for GRPO (default: 8).")
    Integer groupSize;

    @Option(names = "--epochs", description = "Epochs (default: 3).")
    Integer epochs;

    @Option(names = "--lr", description = "Peak learning rate (default: 1e-4; A.2 searches 5e-5, 1e-4).")
    Double learningRate;

    @Option(names = "--batch-size", description = "Examples per step (default: 8).")
    Integer batchSize;

    @Option(names = "--max-examples", description = "Training examples cap, seeded subsample (default: 2500, as A.2).")
    Integer maxExamples;

    @Option(names = "--eval-every", description = "Validate every N steps (default: 100).")
    Integer evalEvery;

    @Option(names = "--reference-model", description = "Use the frozen reference π_ref of eq. 4 (off by default, as in A.2).")
    boolean referenceModel;

    @Option(names = "--valid-examples", description = "Validation examples used for model selection, seeded sample (default: ${DEFAULT-VALUE}).", defaultValue = "400")
    int validExamples;

    @Option(names = "--budget-calls", description = "Stop (resumably) after this many generator calls.")
    Long budgetCalls;

    @Option(names = "--budget-tokens", description = "Stop (resumably) after this many generator tokens.")
    Long budgetTokens;

    @Option(names = "--dry-run", description = "Only print the estimate of generator calls and tokens, then exit.")
    boolean dryRun;

    @Option(names = "--set-current", negatable = true, description = "Make the new run the surfaces' default retriever (default: false).")
    boolean setCurrent;

    @Override
    public Integer call() throws InterruptedException {
        RarecHome home = common.home();
        PreferenceConfig config = config();
        String initRun = ModelRuns.resolve(home, init != null ? init : generatorOptions.model);
        ModelRuns.RunInfo initInfo = ModelRuns.read(home, initRun);
        generatorOptions.model = initRun;
        String runName = run != null ? run : defaultRunName(config);

        try (Workspace ws = Workspace.openWithoutRetriever(common, generatorOptions)) {
            Corpus corpus = ws.corpus();
            List<CrsExample> train = new ArrayList<>(Datasets.load(dataset, "train", corpus, common.dataDir()).examples());
            for (String extra : alsoTrain) train.addAll(Datasets.load(extra, "train", corpus, common.dataDir()).examples());
            List<CrsExample> valid = CrsExamples.sample(Datasets.load(dataset, "valid", corpus, common.dataDir()).examples(),
                    validExamples, common.seed());
            long callsPerValidation = valid.stream()
                    .filter(e -> !Metrics.evaluableTargets(e.targets(), e.historyItems()).isEmpty()).count();
            BudgetEstimate estimate;
            // the initial retriever's candidate prompts size the estimate; it is closed before training opens its own copy
            try (SequentialRetriever initial = SequentialRetriever.load(ModelRuns.checkpoint(home, initRun), ws.embeddings().matrix())) {
                estimate = PreferenceTrainer.estimate(config, train, callsPerValidation,
                        e -> initial.topK(e.historyItems(), config.k()).stream().map(c -> corpus.get(c.item())).toList());
            }
            System.err.println(estimate.describe());
            if (dryRun) return 0;

            // Validation and the RL rewards go through the pipeline `rarec eval` measures (--generator, --candidates).
            ToDoubleFunction<TrainableRetriever> validation = policy -> Evaluator.evaluate(
                    ws.pipeline(policy), valid,
                    EvalOptions.defaults(dataset + "/valid", runName).withRetrievalSize(config.k()).withConcurrency(1),
                    s -> {}).mean("ndcg@10");
            RetrieverLoader loader = new RetrieverLoader() {
                @Override
                public TrainableRetriever open(Path checkpoint, dev.rarec.retriever.OptimizerConfig optimizer, int completedSteps) {
                    SequentialRetriever r = SequentialRetriever.load(checkpoint, ws.embeddings().matrix());
                    r.configureOptimizer(optimizer);
                    if (completedSteps > 0) r.loadOptimizerState(checkpoint);
                    return r;
                }

                @Override
                public void saveTrainingState(TrainableRetriever retriever, Path dir) {
                    ((SequentialRetriever) retriever).saveOptimizerState(dir);
                }
            };
            Path outDir = home.model(runName);
            Path initCheckpoint = ModelRuns.checkpoint(home, initRun);
            ConsoleListener listener = new ConsoleListener(System.err);
            Runnable requestStop;
            Supplier<TrainResult> training;
            if (config.method() == PreferenceConfig.Method.SFT) {
                SftTrainer trainer = new SftTrainer(config, listener);
                requestStop = trainer::requestStop;
                training = () -> trainer.train(loader, initCheckpoint, train, validation, outDir);
            } else {
                PreferenceTrainer trainer = new PreferenceTrainer(config, ws::pipeline, corpus, listener)
                        .optConcurrency(Math.max(1, generatorOptions.concurrency));
                // The budget then counts what the endpoint served, validations included, and not the cache's answers.
                if (ws.generator() instanceof LlmGenerator llm) trainer.optUsage(GeneratorUsage.of(llm::usage));
                requestStop = trainer::requestStop;
                training = () -> trainer.train(loader, initCheckpoint, train, validation, outDir);
            }
            TrainResult result;
            CountDownLatch done = new CountDownLatch(1);
            Thread hook = stopHook(requestStop, done);
            try {
                result = training.get();
            } finally {
                done.countDown();
                removeHook(hook);
            }
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("preference", config);
            settings.put("generator", ws.generator().name());
            settings.put("candidates", generatorOptions.candidates);
            settings.put("validExamples", valid.size());
            settings.put("trainDatasets", alsoTrain.isEmpty() ? List.of(dataset) : java.util.stream.Stream.concat(
                    java.util.stream.Stream.of(dataset), alsoTrain.stream()).toList());
            ModelRuns.write(home, new ModelRuns.RunInfo(runName, config.method().toString(), initInfo.retriever(),
                    initInfo.encoder(), initRun, dataset, settings, Map.of("train", result)));
            AtomicFiles.writeJson(home.run(runName).resolve("train.json"), result);
            if (setCurrent) ModelRuns.setCurrent(home, runName);
            System.out.printf(Locale.ROOT, "%s: best validation NDCG@10 %.4f at step %d of %d; %d generator calls (%d cached), "
                            + "%d skipped, %d resampled, %.0f s%s%n",
                    runName, result.bestValidation(), result.bestStep(), result.steps(), result.generatorCalls(), result.cacheHits(),
                    result.skippedExamples(), result.resampled(), result.wallSeconds(),
                    result.stoppedByBudget() ? " (stopped at the budget; run again to resume)" : "");
            if (ws.generator() instanceof LlmGenerator llm) System.out.println("endpoint: " + llm.usage().describe());
        }
        return 0;
    }

    private PreferenceConfig config() {
        PreferenceConfig.Method m = PreferenceConfig.Method.parse(method);
        PreferenceConfig.Builder b = PreferenceConfig.defaults(m).toBuilder().seed(common.seed()).referenceModel(referenceModel);
        if (beta != null) b.beta(beta);
        if (gamma != null) b.gamma(gamma);
        if (groupSize != null) b.groupSize(groupSize);
        if (epochs != null) b.epochs(epochs);
        if (learningRate != null) b.learningRate(learningRate);
        if (batchSize != null) b.batchSize(batchSize);
        if (maxExamples != null) b.maxExamples(maxExamples);
        if (evalEvery != null) b.evalEvery(evalEvery);
        if (budgetCalls != null || budgetTokens != null) {
            b.budget(new PreferenceConfig.Budget(budgetCalls != null ? budgetCalls : Long.MAX_VALUE,
                    budgetTokens != null ? budgetTokens : Long.MAX_VALUE));
        }
        return b.build();
    }

    private String defaultRunName(PreferenceConfig config) {
        String name = dataset + "-" + config.method();
        if (config.method() != PreferenceConfig.Method.SFT) name += String.format(Locale.ROOT, "-b%s", config.beta());
        return name;
    }


    /** Ctrl-C asks the trainer to stop at the next batch and waits (bounded) until its state is saved. */
    private static Thread stopHook(Runnable requestStop, CountDownLatch done) {
        Thread hook = new Thread(() -> {
            requestStop.run();
            try {
                done.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rarec-train-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running and waits for us
        }
    }
}
