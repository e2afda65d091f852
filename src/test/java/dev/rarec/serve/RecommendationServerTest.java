package dev.rarec.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rarec.generator.ConversationRecommender;
import dev.rarec.generator.SurfaceFixtures;
import dev.rarec.util.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class RecommendationServerTest {
    private static RecommendationServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        Map<String, ConversationRecommender> generators = new LinkedHashMap<>();
        generators.put("fake", SurfaceFixtures.recommender(true));
        generators.put("plain", SurfaceFixtures.recommender(false));
        server = RecommendationServer.start(ServeConfig.defaults("127.0.0.1", 0), generators);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/recommendations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void recommendsWithMetadataCandidatesAndTimings() throws Exception {
        HttpResponse<String> r = post("""
                {"messages":[{"role":"user","content":"I loved Heat, any ideas?"}],"k":3}""");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.get("generator").asText()).isEqualTo("fake");
        assertThat(body.get("k").asInt()).isEqualTo(3);
        JsonNode recs = body.get("recommendations");
        assertThat(recs).hasSize(3);
        JsonNode first = recs.get(0);
        assertThat(first.get("rank").asInt()).isEqualTo(1);
        assertThat(first.get("title").asText()).isEqualTo("Groundhog Day");
        assertThat(first.get("imdbId").asText()).isEqualTo("tt0107048");
        assertThat(first.get("year").asInt()).isEqualTo(1993);
        assertThat(first.get("director").asText()).isEqualTo("Harold Ramis");
        assertThat(first.get("genres").get(0).asText()).isEqualTo("Comedy");
        assertThat(first.get("cast").get(0).asText()).isEqualTo("Bill Murray");
        assertThat(first.get("plot").asText()).startsWith("A narcissistic");
        assertThat(first.get("reason").asText()).isEqualTo("fake reason: comedy");
        assertThat(first.get("score").floatValue()).isEqualTo(1f);
        assertThat(body.get("history").get(0).get("title").asText()).isEqualTo("Heat");
        assertThat(body.get("candidates")).hasSize(6);
        assertThat(body.get("candidates").get(0).get("title").asText()).isEqualTo("Collateral");
        assertThat(body.get("timings").get("totalMillis").isNumber()).isTrue();
    }

    @Test
    void choosesTheNamedGeneratorAndDefaultsK() throws Exception {
        HttpResponse<String> r = post("""
                {"messages":[{"role":"user","content":"Heat"},{"role":"assistant","content":"Try Ronin"},
                 {"role":"user","content":"seen it"}],"generator":"plain","k":null}""");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.get("generator").asText()).isEqualTo("fake");
        assertThat(body.get("k").asInt()).isEqualTo(10);
        // Ronin was only the assistant's suggestion: it joins the history once the user names it.
        assertThat(body.get("history")).extracting(n -> n.get("title").asText() + "/" + n.get("opinion").asText()).containsExactly("Heat/liked");
        assertThat(body.get("recommendations").get(0).get("reason").asText()).isNotBlank().doesNotStartWith("fake");
    }

    @Test
    void refusesBadInputWithFieldAndMessage() throws Exception {
        assertRefused(post("{\"messages\": [}"), 400, "body", "bad JSON at line 1");
        assertRefused(post(""), 400, "body", "empty");
        assertRefused(post("[1,2]"), 400, "body", "must be a JSON object");
        assertRefused(post("{}"), 400, "messages", "missing field \"messages\"");
        assertRefused(post("{\"messages\":\"hi\"}"), 400, "messages", "must be an array");
        assertRefused(post("{\"messages\":[]}"), 400, "messages", "empty");
        assertRefused(post("{\"messages\":[{\"role\":\"user\",\"content\":\"   \"}]}"), 400, "messages", "blank");
        assertRefused(post("{\"messages\":[\"hi\"]}"), 400, "messages[0]", "must be an object");
        assertRefused(post("{\"messages\":[{\"role\":\"user\",\"content\":42}]}"), 400, "messages[0].content", "must be a string");
        assertRefused(post("{\"messages\":[{\"role\":\"robot\",\"content\":\"Heat\"}]}"), 400, "messages[0].role", "unknown role \"robot\"");
        assertRefused(post("{\"messages\":[{\"content\":\"Heat\"}]}"), 400, "messages[0].role", "must be \"user\" or \"assistant\"");
        assertRefused(post("{\"messages\":[{\"role\":\"user\",\"content\":\"Heat\"}],\"k\":0}"), 400, "k", "between 1 and 50");
        assertRefused(post("{\"messages\":[{\"role\":\"user\",\"content\":\"Heat\"}],\"k\":51}"), 400, "k", "between 1 and 50");
        assertRefused(post("{\"messages\":[{\"role\":\"user\",\"content\":\"Heat\"}],\"k\":\"5\"}"), 400, "k", "must be an integer");
        assertRefused(post("{\"messages\":[{\"role\":\"user\",\"content\":\"Heat\"}],\"k\":2.5}"), 400, "k", "must be an integer");
        // k above the corpus size (12) but within the server's limit is the recommender's refusal.
        assertRefused(post("{\"messages\":[{\"role\":\"user\",\"content\":\"Heat\"}],\"k\":20}"), 400, "k", "between 1 and 12");
        assertRefused(post("{\"messages\":[{\"role\":\"user\",\"content\":\"Heat\"}],\"generator\":\"gpt-9\"}"), 400, "generator",
                "unknown generator \"gpt-9\": this server offers fake, plain");
        assertRefused(post("{\"messages\":[{\"role\":\"user\",\"content\":\"Heat\"}]} {}"), 400, "body", "after the JSON object");
        assertRefused(post("{\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(4001) + "\"}]}"), 400,
                "messages[0].content", "at most 4000");
        String many = "{\"role\":\"user\",\"content\":\"Heat\"},".repeat(101);
        assertRefused(post("{\"messages\":[" + many.substring(0, many.length() - 1) + "]}"), 400, "messages[100]", "too many messages");
        assertRefused(post("{\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(70_000) + "\"}]}"), 413, "body", "at most 65536 bytes");
        assertRefused(get("/v2/nothing"), 404, "path", "no such resource");
        assertRefused(get("/v1/recommendations"), 405, "method", "not allowed");
    }

    private static void assertRefused(HttpResponse<String> r, int status, String field, String message) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.get("field").asText()).as(r.body()).isEqualTo(field);
        assertThat(body.get("error").asText()).contains(message);
    }

    @Test
    void servesHealthOpenApiAndASelfContainedPage() throws Exception {
        JsonNode health = Json.MAPPER.readTree(get("/health").body());
        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.get("generators")).extracting(JsonNode::asText).containsExactly("fake", "plain");
        assertThat(health.get("corpusSize").asInt()).isEqualTo(12);

        JsonNode api = Json.MAPPER.readTree(get("/openapi.json").body());
        assertThat(api.get("openapi").asText()).startsWith("3.");
        JsonNode badRequest = api.at("/paths/~1v1~1recommendations/post/responses/400");
        assertThat(badRequest.isMissingNode()).as("the 400 response is declared").isFalse();
        assertThat(badRequest.path("description").asText()).isNotBlank();
        assertThat(api.at("/components/schemas/RecommendationRequest/properties/k/maximum").asInt()).isEqualTo(50);

        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("id=\"message\"", "/v1/recommendations")
                .doesNotContain("<script src", "<link", "http://", "https://", "@import");
    }

    @Test
    void answersConcurrentRequestsAlike() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                futures.add(pool.submit(() -> post("{\"messages\":[{\"role\":\"user\",\"content\":\"The Matrix and Heat\"}],\"k\":4}")));
            }
            List<String> titles = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                HttpResponse<String> r = f.get();
                assertThat(r.statusCode()).isEqualTo(200);
                titles.add(Json.MAPPER.readTree(r.body()).get("recommendations").toString());
            }
            assertThat(titles).hasSize(64).containsOnly(titles.get(0));
        } finally {
            pool.shutdownNow();
        }
    }
}
