package dev.rarec.cli;

import dev.rarec.corpus.Corpus;
import dev.rarec.data.MovieLensSessions;
import dev.rarec.data.SequenceSplits;
import dev.rarec.embed.ItemEmbeddings;
import dev.rarec.retriever.RetrieverConfig;
import dev.rarec.retriever.SequentialRetriever;
import dev.rarec.train.PretrainConfig;
import dev.rarec.train.PretrainResult;
import dev.rarec.train.Pretrainer;
import dev.rarec.train.SequenceMetrics;
import dev.rarec.util.AtomicFiles;
import dev.rarec.util.Evidence;
import dev.rarec.util.RarecHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Pretrains a retriever on MovieLens sessions (ml-latest-small, 30-minute gaps, 8:1:1) over the
 * corpus text embeddings, as in appendix A.2, and reports test NDCG/Recall@10/20 (Table 2).
 */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = "Pretrain a retriever on MovieLens sessions with the corpus text tower (appendix A.2, Table 2).")
public final class PretrainCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--model", description = "lrurec, sasrec, gru4rec, fmlprec or bert4rec (default: ${DEFAULT-VALUE}).", defaultValue = "lrurec")
    String model;

    @Option(names = "--encoder", description = "Text encoder of the item embeddings (default: ${DEFAULT-VALUE}).", defaultValue = "minilm")
    String encoder;

    @Option(names = "--run", description = "Name of the run under <home>/models (default: pretrain-<model>).")
    String run;

    @Option(names = "--epochs", description = "Maximum epochs (default: ${DEFAULT-VALUE}).", defaultValue = "50")
    int epochs;

    @Option(names = "--max-minutes", description = "Stop after this much training time, 0 = no limit (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    double maxMinutes;

    @Option(names = "--dropout", description = "Dropout (default: ${DEFAULT-VALUE}).", defaultValue = "0.2")
    double dropout;

    // Options that are on by default take their negative name: picocli 4.7 sets a negatable option named --x with
    // defaultValue "true" to its default, true, when --no-x is given (so --no-id-embedding trained with the embedding).
    @Option(names = "--no-id-embedding", negatable = true,
            description = "The text tower alone, without a learned per-item embedding (by default one is added, so frequently seen items can move away from their text).")
    boolean idEmbedding = true;

    @Option(names = "--patience", description = "Validations without improvement before stopping (default: ${DEFAULT-VALUE}).", defaultValue = "5")
    int patience;

    @Option(names = "--no-set-current", negatable = true, description = "Do not make this run the default retriever of the surfaces (by default it becomes it).")
    boolean setCurrent = true;

    @Override
    public Integer call() {
        RarecHome home = common.home();
        String runName = run != null ? run : "pretrain-" + model.toLowerCase(Locale.ROOT);
        Corpus corpus = Workspace.loadCorpus(home);
        ItemEmbeddings embeddings = Workspace.loadEmbeddings(home, corpus, encoder);
        SequenceSplits sessions = MovieLensSessions.load(common.dataDir(), corpus, common.seed());
        System.err.printf(Locale.ROOT, "MovieLens sessions: %,d train, %,d valid, %,d test%n",
                sessions.train().size(), sessions.valid().size(), sessions.test().size());

        RetrieverConfig base = RetrieverConfig.crs(model).withDropout(dropout);
        RetrieverConfig cfg = new RetrieverConfig(base.model(), base.hiddenSize(), base.blocks(), base.heads(), base.dropout(),
                base.maxLen(), true, idEmbedding, base.maskProb());
        PretrainConfig train = PretrainConfig.defaults().withEpochs(epochs).withMaxMinutes(maxMinutes)
                .withSeed(common.seed()).withValidation(0, patience, 2000);
        try (SequentialRetriever retriever = SequentialRetriever.create(cfg, corpus.size(), embeddings.matrix(), common.seed())) {
            PretrainResult result = Pretrainer.run(retriever, sessions.train(), sessions.valid(), train,
                    home.model(runName), new ConsoleListener(System.err));
            Map<String, Double> test = SequenceMetrics.evaluate(retriever, sessions.test(), 256);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("command", "rarec " + String.join(" ", ProcessArgs.current()));
            summary.put("model", model);
            summary.put("run", runName);
            summary.put("test", test);
            summary.put("validation", result.bestValidation());
            summary.put("epochs", result.epochs());
            summary.put("steps", result.steps());
            summary.put("stopReason", result.stopReason());
            summary.put("wallSeconds", result.wallSeconds());
            summary.put("trainSequencesPerSecond", result.trainSequencesPerSecond());
            summary.put("seed", common.seed());
            summary.put("sessions", Map.of("train", sessions.train().size(), "valid", sessions.valid().size(), "test", sessions.test().size()));
            ModelRuns.write(home, new ModelRuns.RunInfo(runName, "pretrain", model, encoder, null, "movielens",
                    Map.of("retriever", cfg, "pretrain", train), summary));
            // stamped like every results JSON, so that scripts/table2.sh can keep it as the evidence of a Table 2 row
            AtomicFiles.writeJson(home.run(runName).resolve("metrics.json"), Evidence.stamped(summary));
            if (setCurrent) ModelRuns.setCurrent(home, runName);
            System.out.printf(Locale.ROOT, "%s on MovieLens test sessions: N@10 %.4f  R@10 %.4f  N@20 %.4f  R@20 %.4f  (%s after %.1f epochs, %.0f s)%n",
                    runName, test.get("ndcg@10"), test.get("recall@10"), test.get("ndcg@20"), test.get("recall@20"),
                    result.stopReason(), result.epochs(), result.wallSeconds());
        }
        return 0;
    }
}
