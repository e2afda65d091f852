package dev.rarec.eval;

import dev.rarec.data.CrsExample;
import dev.rarec.generator.GeneratorUnavailableException;
import dev.rarec.generator.LlmGenerator;
import dev.rarec.generator.Pipeline;
import dev.rarec.generator.llm.ChatClient;
import dev.rarec.generator.llm.FakeChatServer;
import dev.rarec.generator.llm.FakeChatServer.Reply;
import dev.rarec.generator.llm.LlmConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The evaluator driving the real LLM generator against a misbehaving endpoint on loopback. */
class EvaluatorLlmTest {
    private static final List<CrsExample> EXAMPLES = EvalFixtures.manyExamples(12);

    private static LlmConfig config(FakeChatServer server) {
        return new LlmConfig(server.baseUrl(), "probe", "", 0, 64, Optional.empty(), 2, Duration.ofSeconds(5), 2);
    }

    private static EvalOptions options(int concurrency) {
        return EvalOptions.defaults("fixture", "llm").withRetrievalSize(5).withConcurrency(concurrency);
    }

    @Test
    void anEndpointThatCannotWorkStopsTheRunAtTheFirstCallWithItsMessage() throws IOException {
        for (int status : new int[] {401, 403, 404}) {
            try (FakeChatServer server = new FakeChatServer(Reply.json(status, "{\"error\":{\"message\":\"denied by the probe\"}}"));
                 ChatClient client = new ChatClient(config(server))) {
                Pipeline pipeline = new Pipeline(EvalFixtures.corpus(), new EvalFixtures.FixedOrderRetriever(), new LlmGenerator(client));
                assertThatThrownBy(() -> Evaluator.evaluate(pipeline, EXAMPLES, options(1), s -> {}))
                        .isInstanceOf(GeneratorUnavailableException.class)
                        .hasMessageContaining("HTTP " + status).hasMessageContaining("denied by the probe");
                assertThat(server.requests()).hasSize(1);
            }
        }
        try (FakeChatServer server = new FakeChatServer(Reply.json(200, "{\"choices\":[]}"));
             ChatClient client = new ChatClient(config(server))) {
            Pipeline pipeline = new Pipeline(EvalFixtures.corpus(), new EvalFixtures.FixedOrderRetriever(), new LlmGenerator(client));
            assertThatThrownBy(() -> Evaluator.evaluate(pipeline, EXAMPLES, options(2), s -> {}))
                    .isInstanceOf(GeneratorUnavailableException.class).hasMessageContaining("without choices");
            // at most the calls already in flight on the two threads
            assertThat(server.requests().size()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void truncatedAnswersAreCountedFailuresWithTheFixNotAPerfectScore() throws IOException {
        String cut = "{\"choices\":[{\"message\":{\"content\":\"<think>Let me consider\"},\"finish_reason\":\"length\"}],"
                + "\"usage\":{\"prompt_tokens\":300,\"completion_tokens\":64}}";
        try (FakeChatServer server = new FakeChatServer(Reply.json(200, cut));
             ChatClient client = new ChatClient(config(server))) {
            Pipeline pipeline = new Pipeline(EvalFixtures.corpus(), new EvalFixtures.FixedOrderRetriever(), new LlmGenerator(client));
            EvalResult r = Evaluator.evaluate(pipeline, EXAMPLES, options(2), s -> {});
            int evaluable = r.examples() - r.examplesWithoutTargets();
            assertThat(r.failures()).isEqualTo(evaluable).isPositive();
            assertThat(r.examplesEvaluated()).isZero();
            assertThat(r.failedExamples().get(0).message()).contains("64-token limit").contains("raise --llm-max-tokens");
            assertThat(client.usage().failures()).isEqualTo(evaluable);
            assertThat(client.usage().describe()).contains(evaluable + " requests").contains(evaluable + " failed");
        }
    }
}
