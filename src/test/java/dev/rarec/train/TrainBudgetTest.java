package dev.rarec.train;

import dev.rarec.corpus.Movie;
import dev.rarec.data.CrsExample;
import dev.rarec.eval.EvalOptions;
import dev.rarec.eval.Evaluator;
import dev.rarec.eval.Metrics;
import dev.rarec.generator.GeneratorUnavailableException;
import dev.rarec.generator.LlmGenerator;
import dev.rarec.generator.Pipeline;
import dev.rarec.generator.llm.ChatClient;
import dev.rarec.generator.llm.FakeChatServer;
import dev.rarec.generator.llm.FakeChatServer.Reply;
import dev.rarec.generator.llm.LlmConfig;
import dev.rarec.generator.llm.ResponseCache;
import dev.rarec.retriever.ScoredItem;
import dev.rarec.retriever.TrainableRetriever;
import dev.rarec.train.PreferenceConfig.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A preference run with the real LLM generator against a loopback server that counts what it is sent:
 * the dry-run estimate, the budget accounting and the server must agree.
 */
class TrainBudgetTest {
    @TempDir
    Path tmp;

    private static final PreferenceConfig CONFIG = PreferenceConfig.defaults(Method.GRPO).toBuilder()
            .k(5).epochs(1).maxExamples(30).batchSize(6).evalEvery(5).groupSize(2).warmupSteps(0).learningRate(3.0).seed(4).build();

    private static LlmConfig config(FakeChatServer server) {
        return new LlmConfig(server.baseUrl(), "counting", "", 0, 64, Optional.empty(), 4, Duration.ofSeconds(10), 1);
    }

    /** What {@code rarec train} validates with: the evaluator's NDCG@10 of the whole pipeline. */
    private static ToDoubleFunction<TrainableRetriever> validation(Synthetic data, LlmGenerator generator) {
        return policy -> Evaluator.evaluate(new Pipeline(data.corpus, policy, generator), data.validation,
                EvalOptions.defaults("synthetic/valid", "budget").withRetrievalSize(CONFIG.k()).withConcurrency(1), s -> {}).mean("ndcg@10");
    }

    private TrainResult train(Synthetic data, ChatClient client, PreferenceConfig config, String out) {
        LlmGenerator generator = new LlmGenerator(client);
        return new PreferenceTrainer(config, data.pipelines(generator), data.corpus, TrainingListener.SILENT).optConcurrency(4)
                .optUsage(GeneratorUsage.of(generator::usage))
                .train(Synthetic.loader(0f), Synthetic.initialCheckpoint(tmp), data.train, validation(data, generator), tmp.resolve(out));
    }

    @Test
    void theDryRunEstimateAndTheBudgetAgreeWithWhatTheServerSees() throws IOException {
        Synthetic data = new Synthetic();
        long callsPerValidation = data.validation.stream()
                .filter(e -> !Metrics.evaluableTargets(e.targets(), e.historyItems()).isEmpty()).count();
        BudgetEstimate estimate;
        try (TinyRetriever initial = TinyRetriever.load(Synthetic.initialCheckpoint(tmp), 0.5f, 0)) {
            Function<CrsExample, List<Movie>> topK = e -> {
                List<Movie> movies = new ArrayList<>();
                for (ScoredItem s : initial.topK(e.historyItems(), CONFIG.k())) movies.add(data.corpus.get(s.item()));
                return movies;
            };
            estimate = PreferenceTrainer.estimate(CONFIG, data.train, callsPerValidation, topK);
        }
        try (FakeChatServer server = new FakeChatServer(Reply.ok("1. Movie 3\n2. Movie 7\n3. Movie 12\n4. Movie 20\n5. Movie 1"));
             ChatClient client = new ChatClient(config(server))) {
            TrainResult r = train(data, client, CONFIG, "counted");
            int seen = server.requests().size();
            // 30 examples x 2 sets, and 2 validations (at the start, and at step 5 which ends the epoch)
            assertThat(estimate.validations()).isEqualTo(2);
            assertThat(estimate.expectedCalls()).isEqualTo(30L * 2 + 2 * callsPerValidation);
            // Sets repeated within a group are asked once: the server saw the estimate less those.
            assertThat(seen + r.cacheHits()).isEqualTo(estimate.expectedCalls());
            // The budget counted every request the server saw, validations included, with the tokens it reported.
            assertThat(r.requests()).isEqualTo(seen);
            assertThat(r.tokensMeasured()).isTrue();
            assertThat(r.tokens()).isEqualTo(120L * seen);
            // The estimated tokens a call are those of the prompts the server received (at 4 characters a token).
            double meanPromptTokens = server.requests().stream()
                    .mapToLong(q -> q.body().at("/messages/0/content").asText().length()).average().orElseThrow() / ChatClient.CHARS_PER_TOKEN;
            assertThat((double) estimate.tokensPerCall()).isBetween(meanPromptTokens * 0.9, meanPromptTokens * 1.2);
        }
    }

    @Test
    void cachedAnswersAreNotChargedButNewCallsAre(@TempDir Path cacheDir) throws IOException {
        Synthetic data = new Synthetic();
        ResponseCache cache = new ResponseCache(cacheDir);
        try (FakeChatServer server = new FakeChatServer(Reply.ok("1. Movie 3\n2. Movie 7"))) {
            TrainResult cold;
            try (ChatClient client = new ChatClient(config(server), cache)) {
                cold = train(data, client, CONFIG, "cold");
            }
            int afterCold = server.requests().size();
            assertThat(cold.requests()).isEqualTo(afterCold).isPositive();
            try (ChatClient client = new ChatClient(config(server), cache)) {
                TrainResult warm = train(data, client, CONFIG.withBudget(new PreferenceConfig.Budget(20, Long.MAX_VALUE)), "warm");
                assertThat(warm.completed()).isTrue();
                assertThat(warm.requests()).isZero();
                assertThat(warm.cacheHits()).isGreaterThanOrEqualTo(afterCold);
            }
            assertThat(server.requests()).hasSize(afterCold);
        }
    }

    @Test
    void anEndpointThatRefusesTheKeyStopsTrainingInItsFirstBatchWithTheServersMessage() throws IOException {
        Synthetic data = new Synthetic();
        try (FakeChatServer server = new FakeChatServer(Reply.json(401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}"));
             ChatClient client = new ChatClient(config(server))) {
            LlmGenerator generator = new LlmGenerator(client);
            // validation without the generator, so that the first call to fail is a training call
            assertThatThrownBy(() -> new PreferenceTrainer(CONFIG, data.pipelines(generator), data.corpus, TrainingListener.SILENT).optConcurrency(2)
                    .train(Synthetic.loader(0f), Synthetic.initialCheckpoint(tmp), data.train, data.validationNdcg(), tmp.resolve("refused")))
                    .isInstanceOf(GeneratorUnavailableException.class)
                    .hasMessageContaining("HTTP 401").hasMessageContaining("Incorrect API key provided");
            // no more than the first batch's 6 x 2 sets were asked
            assertThat(server.requests().size()).isBetween(1, 12);
        }
    }
}
