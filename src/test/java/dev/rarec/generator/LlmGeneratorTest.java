package dev.rarec.generator;

import dev.rarec.corpus.Movie;
import dev.rarec.data.Role;
import dev.rarec.data.Turn;
import dev.rarec.generator.llm.ChatClient;
import dev.rarec.generator.llm.FakeChatServer;
import dev.rarec.generator.llm.FakeChatServer.Reply;
import dev.rarec.generator.llm.LlmConfig;
import dev.rarec.generator.llm.ResponseCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LlmGeneratorTest {

    private final List<Movie> candidates = List.of(
            new Movie(7, "tt0133093", "The Matrix", 1999, List.of("Action", "Sci-Fi"), "Lana Wachowski, Lilly Wachowski",
                    List.of("Keanu Reeves", "Laurence Fishburne"), "A hacker learns the truth about his reality. ".repeat(20), List.of()),
            new Movie(3, "", "Heat", 1995, List.of("Crime"), "Michael Mann", List.of("Al Pacino", "Robert De Niro"), "", List.of()),
            new Movie(5, "", "Alien", 1979, List.of("Horror", "Sci-Fi"), "Ridley Scott", List.of("Sigourney Weaver"), "", List.of()));

    private final List<Turn> context = List.of(
            new Turn(Role.SEEKER, "Hi! I love sci-fi\nwith Keanu Reeves.", List.of()),
            new Turn(Role.RECOMMENDER, "Have you seen Speed (1994)?", List.of(11)),
            new Turn(Role.SEEKER, "Yes, more like that please", List.of()));

    private static LlmConfig config(FakeChatServer server) {
        return new LlmConfig(server.baseUrl(), "fake-llm", "RAREC_TEST_UNSET_KEY", 0, 128, Optional.empty(), 2, Duration.ofSeconds(5), 1);
    }

    @Test
    void thePromptIsFigure5() {
        String prompt = LlmGenerator.prompt(context, candidates);
        assertThat(prompt).startsWith("You are an expert in movie recommendations. Analyze the provided conversation history to identify "
                + "the user’s preferences, such as genres and actors. Then, rank the candidate movies by how well they match these "
                + "preferences. Return your answer as a numbered list with each movie on a new line in the format: '<rank>. <movie name>'. "
                + "Do not include any additional commentary, formatting or chattiness.\n\n");
        assertThat(prompt).contains("title: Heat; year: 1995; genre: Crime; director: Michael Mann; cast: Al Pacino, Robert De Niro\n");
        assertThat(prompt).contains("title: The Matrix; year: 1999; genre: Action, Sci-Fi;");
        assertThat(prompt.indexOf("title: The Matrix")).isLessThan(prompt.indexOf("title: Heat")).isLessThan(prompt.indexOf("title: Alien"));
        assertThat(prompt).endsWith("Conversation history:\n\n"
                + "User: Hi! I love sci-fi with Keanu Reeves.\n"
                + "System: Have you seen Speed (1994)?\n"
                + "User: Yes, more like that please");
        String matrixLine = prompt.lines().filter(l -> l.startsWith("title: The Matrix")).findFirst().orElseThrow();
        assertThat(matrixLine.length()).isLessThan(LlmGenerator.MAX_PLOT_CHARS + 200);
    }

    @Test
    void ranksByTheAnswerAndSendsThePrompt() throws IOException {
        try (FakeChatServer server = new FakeChatServer(Reply.ok("Here is my ranking:\n1. **Alien** (1979)\n2. The Matrix (1999)"));
             ChatClient client = new ChatClient(config(server))) {
            LlmGenerator generator = new LlmGenerator(client);
            Ranking r = generator.rank(context, candidates);
            assertThat(r.items()).containsExactly(5, 7, 3);
            assertThat(r.lines()).isEqualTo(2);
            assertThat(r.hallucinations()).isZero();
            assertThat(generator.name()).isEqualTo("llm:fake-llm");
            assertThat(server.requests().get(0).body().path("messages").get(0).path("content").asText())
                    .isEqualTo(LlmGenerator.prompt(context, candidates));
            assertThat(generator.usage().completionTokens()).isEqualTo(20);
        }
    }

    @Test
    void garbageCountsHallucinationsAndKeepsTheRetrieverOrder() throws IOException {
        try (FakeChatServer server = new FakeChatServer(Reply.ok("1. Inception\n2. Heat\n3. Totally Made Up Movie\n4. lorem ipsum dolor"));
             ChatClient client = new ChatClient(config(server))) {
            Ranking r = new LlmGenerator(client).rank(context, candidates);
            assertThat(r.items()).containsExactly(3, 7, 5);
            assertThat(r.lines()).isEqualTo(4);
            assertThat(r.hallucinations()).isEqualTo(3);
        }
    }

    @Test
    void anAnswerThatNamesNoMovieIsAFailureNotTheRetrieversOrder() throws IOException {
        try (FakeChatServer server = new FakeChatServer(Reply.ok("\u0000{}%%% ### ***"), Reply.ok("I'm sorry, but I cannot help with that request."));
             ChatClient client = new ChatClient(config(server))) {
            LlmGenerator generator = new LlmGenerator(client);
            assertThatThrownBy(() -> generator.rank(context, candidates)).isInstanceOf(GeneratorException.class)
                    .hasMessageContaining("names no movie");
            assertThatThrownBy(() -> generator.rank(context, candidates)).isInstanceOf(GeneratorException.class)
                    .hasMessageContaining("I'm sorry");
        }
    }

    @Test
    void aRerunIsServedFromTheCache(@TempDir Path home) throws IOException {
        ResponseCache cache = new ResponseCache(home.resolve("cache/llm"));
        try (FakeChatServer server = new FakeChatServer(Reply.ok("1. Heat"))) {
            for (int run = 0; run < 2; run++) {
                try (ChatClient client = new ChatClient(config(server), cache)) {
                    assertThat(new LlmGenerator(client).rank(context, candidates).items()).containsExactly(3, 7, 5);
                }
            }
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void anEndpointThatCannotWorkIsUnavailableNotAnExampleFailure() throws IOException {
        try (FakeChatServer server = new FakeChatServer(Reply.json(404, "{\"error\":\"model not found\"}"));
             ChatClient client = new ChatClient(config(server))) {
            assertThatThrownBy(() -> new LlmGenerator(client).rank(context, candidates))
                    .isInstanceOf(GeneratorUnavailableException.class).hasMessageContaining("HTTP 404")
                    .hasMessageContaining("model not found").hasMessageContaining("fake-llm");
        }
    }

    @Test
    void aTruncatedOrFailedAnswerFailsThisExampleAndSaysHowToFixIt() throws IOException {
        String cut = "{\"choices\":[{\"message\":{\"content\":\"<think>They like sci-fi, so\"},\"finish_reason\":\"length\"}]}";
        try (FakeChatServer server = new FakeChatServer(Reply.json(200, cut));
             ChatClient client = new ChatClient(config(server))) {
            assertThatThrownBy(() -> new LlmGenerator(client).rank(context, candidates))
                    .isInstanceOf(GeneratorException.class).hasMessageContaining("raise --llm-max-tokens (now 128)");
        }
        try (FakeChatServer server = new FakeChatServer(Reply.json(503, "busy"));
             ChatClient client = new ChatClient(config(server))) {
            assertThatThrownBy(() -> new LlmGenerator(client).rank(context, candidates))
                    .isInstanceOf(GeneratorException.class).hasMessageContaining("HTTP 503");
        }
    }

    @Test
    void aJsonAnswerRanksByItsTitlesWithoutHallucinations() throws IOException {
        String json = "```json\n{\"recommendations\": [\n  {\"rank\": 1, \"title\": \"Alien\", \"year\": 1979},\n"
                + "  {\"rank\": 2, \"title\": \"Heat\"}\n]}\n```";
        try (FakeChatServer server = new FakeChatServer(Reply.ok(json));
             ChatClient client = new ChatClient(config(server))) {
            Ranking r = new LlmGenerator(client).rank(context, candidates);
            assertThat(r.items()).containsExactly(5, 3, 7);
            assertThat(r.lines()).isEqualTo(2);
            assertThat(r.hallucinations()).isZero();
        }
    }

    @Test
    void noCandidatesNeedNoCall() throws IOException {
        try (FakeChatServer server = new FakeChatServer();
             ChatClient client = new ChatClient(config(server))) {
            assertThat(new LlmGenerator(client).rank(context, List.of()).items()).isEmpty();
            assertThat(server.requests()).isEmpty();
        }
    }
}
