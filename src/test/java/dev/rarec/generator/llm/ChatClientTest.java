package dev.rarec.generator.llm;

import dev.rarec.generator.llm.FakeChatServer.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import dev.rarec.util.Json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatClientTest {
    private static final String KEY = "sk-test-SECRET-0123456789";
    private static final List<ChatMessage> PROMPT = List.of(ChatMessage.user("Rank these: Heat, Alien"));

    private static LlmConfig config(FakeChatServer server) {
        return new LlmConfig(server.baseUrl(), "test-model", "RAREC_TEST_KEY", 0.2, 256, Optional.empty(), 2,
                Duration.ofSeconds(5), 3);
    }

    private static ChatClient client(LlmConfig config, ResponseCache cache) {
        return new ChatClient(config, Optional.ofNullable(cache), name -> name.equals("RAREC_TEST_KEY") ? KEY : null, Duration.ofMillis(10));
    }

    @Test
    void sendsTheOpenAiRequestShape() throws IOException {
        try (FakeChatServer server = new FakeChatServer(Reply.ok("1. Heat\n2. Alien"));
             ChatClient client = client(config(server), null)) {
            ChatResponse r = client.complete(PROMPT);
            assertThat(r.content()).isEqualTo("1. Heat\n2. Alien");
            assertThat(r.fromCache()).isFalse();
            FakeChatServer.Request req = server.requests().get(0);
            assertThat(req.authorization()).isEqualTo("Bearer " + KEY);
            assertThat(req.body().path("model").asText()).isEqualTo("test-model");
            assertThat(req.body().path("messages").get(0).path("role").asText()).isEqualTo("user");
            assertThat(req.body().path("messages").get(0).path("content").asText()).isEqualTo("Rank these: Heat, Alien");
            assertThat(req.body().path("temperature").asDouble()).isEqualTo(0.2);
            assertThat(req.body().path("max_tokens").asInt()).isEqualTo(256);
            assertThat(req.body().has("reasoning_effort")).isFalse();
            assertThat(client.usage()).isEqualTo(new TokenUsage(1, 1, 0, 100, 20, 0, 0, 0, 0));
        }
    }

    @Test
    void sendsReasoningEffortOnlyWhenSetAndNoKeyWhenUnset() throws IOException {
        try (FakeChatServer server = new FakeChatServer(Reply.ok("1. Heat"))) {
            LlmConfig thinking = config(server).withSampling(0, 64, Optional.of("low")).withApiKeyEnv("RAREC_UNSET");
            try (ChatClient client = client(thinking, null)) {
                client.complete(PROMPT);
                assertThat(client.hasApiKey()).isFalse();
            }
            FakeChatServer.Request req = server.requests().get(0);
            assertThat(req.body().path("reasoning_effort").asText()).isEqualTo("low");
            assertThat(req.authorization()).isNull();
        }
    }

    @Test
    void retriesAfter429HonouringRetryAfterAndAfter500() throws IOException {
        try (FakeChatServer server = new FakeChatServer(
                Reply.json(429, "{\"error\":{\"message\":\"rate limited\"}}").withHeader("Retry-After", "0"),
                Reply.json(500, "{\"error\":{\"message\":\"boom\"}}"),
                Reply.json(503, "<html>unavailable</html>"),
                Reply.ok("1. Alien"));
             ChatClient client = client(config(server), null)) {
            assertThat(client.complete(PROMPT).content()).isEqualTo("1. Alien");
            assertThat(server.requests()).hasSize(4);
            assertThat(client.usage().retries()).isEqualTo(3);
            assertThat(client.usage().failures()).isZero();
        }
    }

    @Test
    void givesUpAfterMaxRetriesWithTheLastError() throws IOException {
        try (FakeChatServer server = new FakeChatServer(Reply.json(502, "bad gateway"));
             ChatClient client = client(config(server), null)) {
            assertThatThrownBy(() -> client.complete(PROMPT)).isInstanceOf(LlmException.class)
                    .hasMessageContaining("failed after 4 attempts").hasMessageContaining("HTTP 502");
            assertThat(server.requests()).hasSize(4);
            assertThat(client.usage().failures()).isEqualTo(1);
        }
    }

    @Test
    void retriesATimeout() throws IOException {
        try (FakeChatServer server = new FakeChatServer(Reply.ok("1. Slow").delayed(1500), Reply.ok("1. Fast"))) {
            LlmConfig quick = config(server).withLimits(2, Duration.ofMillis(300), 1);
            try (ChatClient client = client(quick, null)) {
                assertThat(client.complete(PROMPT).content()).isEqualTo("1. Fast");
                assertThat(client.usage().retries()).isEqualTo(1);
            }
        }
        try (FakeChatServer server = new FakeChatServer(Reply.ok("1. Slow").delayed(1500))) {
            LlmConfig quick = config(server).withLimits(2, Duration.ofMillis(200), 1);
            try (ChatClient client = client(quick, null)) {
                assertThatThrownBy(() -> client.complete(PROMPT)).isInstanceOf(LlmException.class).hasMessageContaining("timed out after").hasMessageContaining("2 attempts");
            }
        }
    }

    @Test
    void aConnectionErrorIsRetriedThenReportedWithTheUrlAndStopsTheRun() {
        LlmConfig nowhere = new LlmConfig("http://127.0.0.1:1/v1", "m", "", 0, 16, Optional.empty(), 1, Duration.ofSeconds(2), 1);
        try (ChatClient client = client(nowhere, null)) {
            assertThatThrownBy(() -> client.complete(PROMPT)).isInstanceOf(LlmException.class)
                    .hasMessageContaining("cannot connect to http://127.0.0.1:1/v1/chat/completions").hasMessageContaining("2 attempts")
                    .satisfies(e -> assertThat(((LlmException) e).stopsRun()).isTrue());
        }
    }

    @Test
    void errorsNoRetryCanFixStopTheRunAtTheFirstRequestWithTheServersMessage() throws IOException {
        Map<String, Reply> replies = new java.util.LinkedHashMap<>();
        replies.put("Incorrect API key", Reply.json(401, "{\"error\":{\"message\":\"Incorrect API key\"}}"));
        replies.put("not allowed", Reply.json(403, "{\"error\":{\"message\":\"not allowed\"}}"));
        replies.put("model not found", Reply.json(404, "{\"error\":{\"message\":\"model not found\"}}"));
        replies.put("exceeded your current quota", Reply.json(429,
                "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}"));
        replies.put("Payment Required", Reply.json(402, "{\"error\":\"Payment Required\"}"));
        replies.put("malformed JSON", Reply.json(200, "{\"choices\": [ {\"message\": "));
        replies.put("without choices", Reply.json(200, "{\"id\":\"x\",\"choices\":[]}"));
        replies.put("not an object", Reply.json(200, "[1, 2]"));
        for (Map.Entry<String, Reply> reply : replies.entrySet()) {
            try (FakeChatServer server = new FakeChatServer(reply.getValue(), Reply.ok("1. Heat"));
                 ChatClient client = client(config(server), null)) {
                assertThatThrownBy(() -> client.complete(PROMPT)).as(reply.getKey()).isInstanceOf(LlmException.class)
                        .hasMessageContaining(reply.getKey())
                        .satisfies(e -> assertThat(((LlmException) e).stopsRun()).as(reply.getKey()).isTrue());
                assertThat(server.requests()).as(reply.getKey()).hasSize(1);
            }
        }
    }

    @Test
    void aRefusalOfOnePromptFailsThatCallOnly() throws IOException {
        try (FakeChatServer server = new FakeChatServer(Reply.json(400, "{\"error\":{\"message\":\"context length exceeded\"}}"));
             ChatClient client = client(config(server), null)) {
            assertThatThrownBy(() -> client.complete(PROMPT)).isInstanceOf(LlmException.class)
                    .hasMessageContaining("context length exceeded")
                    .satisfies(e -> assertThat(((LlmException) e).stopsRun()).isFalse());
        }
    }

    @Test
    void emptyNullAndTruncatedAnswersAreFailuresThatAreNeverCached(@TempDir Path dir) throws IOException {
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("null content", choice("null", "stop"));
        bodies.put("empty content", choice("\"\"", "stop"));
        bodies.put("thinking cut at the limit", choice("\"<think>The user likes Heat, so maybe\"", "length"));
        bodies.put("list cut at the limit", choice("\"1. Heat\\n2. Ali\"", "length"));
        bodies.put("thinking that never ended", choice("\"<think>The user likes\"", "stop"));
        bodies.put("only thinking", choice("\"<think>hmm</think>\\n\"", "stop"));
        ResponseCache cache = new ResponseCache(dir);
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            try (FakeChatServer server = new FakeChatServer(Reply.json(200, body.getValue()));
                 ChatClient client = client(config(server), cache)) {
                assertThatThrownBy(() -> client.complete(PROMPT)).as(body.getKey()).isInstanceOf(LlmException.class)
                        .satisfies(e -> assertThat(((LlmException) e).stopsRun()).isFalse());
                assertThat(client.usage().failures()).as(body.getKey()).isEqualTo(1);
                assertThat(client.usage().completions()).as(body.getKey()).isZero();
            }
        }
        try (FakeChatServer server = new FakeChatServer(Reply.json(200, choice("\"<think>The user likes Heat\"", "length")));
             ChatClient client = client(config(server), cache)) {
            assertThatThrownBy(() -> client.complete(PROMPT)).hasMessageContaining("256-token limit")
                    .hasMessageContaining("raise --llm-max-tokens (now 256)");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    private static String choice(String contentJson, String finishReason) {
        return "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + contentJson
                + "},\"finish_reason\":\"" + finishReason + "\"}],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":256}}";
    }

    @Test
    void aRetryAfterLongerThanTheCallMayWaitFailsAtOnce() throws IOException {
        try (FakeChatServer server = new FakeChatServer(Reply.json(429, "{\"error\":{\"message\":\"slow down\"}}").withHeader("Retry-After", "3600"));
             ChatClient client = client(config(server).withLimits(2, Duration.ofSeconds(2), 3), null)) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> client.complete(PROMPT)).isInstanceOf(LlmException.class)
                    .hasMessageContaining("retry after 3600 s").hasMessageContaining("slow down")
                    .satisfies(e -> assertThat(((LlmException) e).stopsRun()).isTrue());
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void aHungEndpointCostsAtMostTheTimeoutPerAttempt() throws IOException {
        try (FakeChatServer server = new FakeChatServer(Reply.ok("1. Slow").delayed(3000))) {
            LlmConfig quick = config(server).withLimits(2, Duration.ofMillis(250), 2);
            try (ChatClient client = client(quick, null)) {
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> client.complete(PROMPT)).isInstanceOf(LlmException.class)
                        .hasMessageContaining("timed out after").hasMessageContaining("--llm-timeout")
                        .satisfies(e -> assertThat(((LlmException) e).stopsRun()).isFalse());
                // three attempts of 250 ms plus short backoffs, all inside the (1 + 2) x 250 ms budget
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(1500));
            }
        }
    }

    @Test
    void answersWithoutUsageAreEstimatedFromTheirLength() throws IOException {
        String content = "1. Heat\n2. Alien";
        String body = "{\"choices\":[{\"message\":{\"content\":" + Json.MAPPER.valueToTree(content) + "},\"finish_reason\":\"stop\"}]}";
        try (FakeChatServer server = new FakeChatServer(Reply.json(200, body));
             ChatClient client = client(config(server), null)) {
            client.complete(PROMPT);
            long chars = PROMPT.get(0).content().length() + content.length();
            assertThat(client.usage().withoutUsage()).isEqualTo(1);
            assertThat(client.usage().totalTokens()).isEqualTo((chars + 3) / 4);
            assertThat(client.usage().describe()).contains("estimated for 1 answers without usage");
        }
    }

    @Test
    void aClientErrorFailsAtOnceWithoutTheKey() throws IOException {
        try (FakeChatServer server = new FakeChatServer(Reply.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"));
             ChatClient client = client(config(server), null)) {
            assertThatThrownBy(() -> client.complete(PROMPT)).isInstanceOf(LlmException.class)
                    .hasMessageContaining("HTTP 401").hasMessageContaining("RAREC_TEST_KEY").hasMessageNotContaining(KEY)
                    .satisfies(e -> assertThat(((LlmException) e).status()).isEqualTo(401));
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void switchesToMaxCompletionTokensWhenTheModelAsks() throws IOException {
        String refusal = "{\"error\":{\"message\":\"Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.\",\"type\":\"invalid_request_error\"}}";
        try (FakeChatServer server = new FakeChatServer(Reply.json(400, refusal), Reply.ok("1. Heat"), Reply.ok("1. Alien"));
             ChatClient client = client(config(server), null)) {
            assertThat(client.complete(PROMPT).content()).isEqualTo("1. Heat");
            client.complete(List.of(ChatMessage.user("again")));
            List<FakeChatServer.Request> reqs = server.requests();
            assertThat(reqs).hasSize(3);
            assertThat(reqs.get(1).body().path("max_completion_tokens").asInt()).isEqualTo(256);
            assertThat(reqs.get(2).body().has("max_tokens")).isFalse();
        }
    }

    @Test
    void readsReasoningContentWhenContentIsNullAndToleratesMissingUsage() throws IOException {
        String body = "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":null,\"reasoning_content\":\"thinking... 1. Heat\"},\"finish_reason\":\"stop\"}]}";
        try (FakeChatServer server = new FakeChatServer(Reply.json(200, body));
             ChatClient client = client(config(server), null)) {
            ChatResponse r = client.complete(PROMPT);
            assertThat(r.content()).isEmpty();
            assertThat(r.text()).isEqualTo("thinking... 1. Heat");
            assertThat(r.finishReason()).isEqualTo("stop");
            assertThat(client.usage().withoutUsage()).isEqualTo(1);
            assertThat(client.usage().promptTokens() + client.usage().completionTokens()).isZero();
        }
    }

    @Test
    void readsContentGivenAsAListOfParts() throws IOException {
        String body = "{\"choices\":[{\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"1. Heat\\n\"},{\"type\":\"text\",\"text\":\"2. Alien\"}]}}]}";
        try (FakeChatServer server = new FakeChatServer(Reply.json(200, body));
             ChatClient client = client(config(server), null)) {
            assertThat(client.complete(PROMPT).content()).isEqualTo("1. Heat\n2. Alien");
        }
    }

    @Test
    void aCacheHitSendsNoRequestAndTheKeyNeverReachesTheCache(@TempDir Path home) throws IOException {
        ResponseCache cache = new ResponseCache(home.resolve("cache/llm"));
        try (FakeChatServer server = new FakeChatServer(Reply.ok("1. Heat\n2. Alien"))) {
            try (ChatClient first = client(config(server), cache)) {
                assertThat(first.complete(PROMPT).fromCache()).isFalse();
            }
            try (ChatClient second = client(config(server), cache)) {
                ChatResponse again = second.complete(PROMPT);
                assertThat(again.fromCache()).isTrue();
                assertThat(again.content()).isEqualTo("1. Heat\n2. Alien");
                assertThat(second.usage().cacheHits()).isEqualTo(1);
                assertThat(second.usage().requests()).isZero();
                // another temperature is another question
                try (ChatClient hotter = client(config(server).withSampling(0.9, 256, Optional.empty()), cache)) {
                    assertThat(hotter.complete(PROMPT).fromCache()).isFalse();
                }
            }
            assertThat(server.requests()).hasSize(2);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(home)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSize(2).allSatisfy(f -> {
            assertThat(f.getFileName().toString()).matches("[0-9a-f]{64}\\.json");
            String text = Files.readString(f, StandardCharsets.UTF_8);
            assertThat(text).doesNotContain(KEY).doesNotContain("RAREC_TEST_KEY").doesNotContain("/v1");
        });
        LlmConfig any = LlmConfig.of("http://localhost:1/v1", "m");
        assertThat(ResponseCache.key(any, PROMPT)).isNotEqualTo(ResponseCache.key(any, List.of(ChatMessage.user("other"))))
                .isEqualTo(ResponseCache.key(any.withApiKeyEnv("OTHER_KEY"), PROMPT))
                .isEqualTo(ResponseCache.key(LlmConfig.of("http://LOCALHOST:1/other/v1", "m"), PROMPT))
                .isNotEqualTo(ResponseCache.key(LlmConfig.of("http://localhost:2/v1", "m"), PROMPT));
        assertThat(LlmConfig.of("https://user:secret@api.example.com/v1", "m").host()).isEqualTo("api.example.com");
    }

    @Test
    void twoServersDoNotAnswerForEachOtherButOldEntriesStayReadable(@TempDir Path dir) throws IOException {
        ResponseCache cache = new ResponseCache(dir);
        try (FakeChatServer one = new FakeChatServer(Reply.ok("1. Heat"));
             FakeChatServer two = new FakeChatServer(Reply.ok("1. Alien"))) {
            try (ChatClient a = client(config(one), cache); ChatClient b = client(config(two), cache)) {
                assertThat(a.complete(PROMPT).content()).isEqualTo("1. Heat");
                assertThat(b.complete(PROMPT).content()).isEqualTo("1. Alien");
                assertThat(b.complete(PROMPT).fromCache()).isTrue();
            }
            assertThat(one.requests()).hasSize(1);
            assertThat(two.requests()).hasSize(1);
        }
        // An entry written under the key without the host (before it held one) still answers.
        LlmConfig elsewhere = LlmConfig.of("http://127.0.0.1:9/v1", "test-model").withSampling(0.2, 256, Optional.empty());
        Files.createDirectories(cache.file(ResponseCache.legacyKey(elsewhere, PROMPT)).getParent());
        Files.writeString(cache.file(ResponseCache.legacyKey(elsewhere, PROMPT)), """
                {"model":"test-model","parameters":{"temperature":0.2,"max_tokens":256},"content":"1. Old","reasoning":"",
                 "finishReason":"stop","promptTokens":1,"completionTokens":1}""");
        try (ChatClient c = client(elsewhere, cache)) {
            assertThat(c.complete(PROMPT).content()).isEqualTo("1. Old");
            assertThat(c.usage().cacheHits()).isEqualTo(1);
        }
    }

    @Test
    void aDamagedCacheEntryIsAMiss(@TempDir Path dir) throws IOException {
        ResponseCache cache = new ResponseCache(dir);
        try (FakeChatServer server = new FakeChatServer(Reply.ok("1. Heat"))) {
            String key = ResponseCache.key(config(server), PROMPT);
            Files.createDirectories(cache.file(key).getParent());
            Files.writeString(cache.file(key), "{not json");
            try (ChatClient client = client(config(server), cache)) {
                assertThat(client.complete(PROMPT).fromCache()).isFalse();
                assertThat(cache.get(key)).map(ChatResponse::content).contains("1. Heat");
            }
        }
    }

    @Test
    void concurrencyIsBounded() throws Exception {
        try (FakeChatServer server = new FakeChatServer(Reply.ok("1. Heat").delayed(150));
             ChatClient client = client(config(server), null)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<ChatResponse>> futures = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    List<ChatMessage> m = List.of(ChatMessage.user("prompt " + i));
                    futures.add(pool.submit(() -> client.complete(m)));
                }
                for (Future<ChatResponse> f : futures) assertThat(f.get().content()).isEqualTo("1. Heat");
            } finally {
                pool.shutdownNow();
            }
            assertThat(server.maxInFlight()).isEqualTo(2);
            assertThat(client.usage().requests()).isEqualTo(8);
        }
    }

    @Test
    void retryAfterParsesSecondsAndDates() {
        assertThat(ChatClient.parseRetryAfter("2")).contains(Duration.ofSeconds(2));
        assertThat(ChatClient.parseRetryAfter("0.5")).contains(Duration.ofMillis(500));
        assertThat(ChatClient.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).hasValueSatisfying(d -> assertThat(d).isNegative());
        assertThat(ChatClient.parseRetryAfter("soon")).isEmpty();
    }

    @Test
    void configValidatesAndNormalises() {
        LlmConfig c = LlmConfig.of("http://localhost:11434/v1/", "qwen3:8b");
        assertThat(c.chatUrl()).isEqualTo("http://localhost:11434/v1/chat/completions");
        assertThat(c.answerParameters()).isEqualTo(Map.of("temperature", 0.0, "max_tokens", 512));
        assertThat(c.withSampling(0, 512, Optional.of(" ")).reasoningEffort()).isEmpty();
        assertThatThrownBy(() -> LlmConfig.of("localhost:8000", "m")).hasMessageContaining("http://");
        assertThatThrownBy(() -> LlmConfig.of("http://x", " ")).hasMessageContaining("model");
    }
}
