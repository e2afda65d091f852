package dev.rarec.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rarec.generator.SurfaceFixtures;
import dev.rarec.util.Json;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The access token and the per-client rate limit, over HTTP on loopback. */
class ServeAccessTest {
    private static final String TOKEN = "correct-horse-battery-staple-42";
    private static final String BODY = "{\"messages\":[{\"role\":\"user\",\"content\":\"I loved Heat\"}],\"k\":2}";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static RecommendationServer start(Optional<AccessToken> token, int perMinute) {
        return RecommendationServer.start(ServeConfig.defaults("127.0.0.1", 0).withAccess(token, perMinute),
                Map.of("fake", SurfaceFixtures.recommender(false)));
    }

    private static HttpResponse<String> post(RecommendationServer server, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + "/v1/recommendations"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY));
        if (authorization != null) b.header("Authorization", authorization);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(RecommendationServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBindBeyondLoopbackWithoutATokenIsRefusedBeforeListening() {
        assertThatThrownBy(() -> RecommendationServer.start(ServeConfig.defaults("0.0.0.0", 0),
                Map.of("fake", SurfaceFixtures.recommender(false))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.0.0.0").hasMessageContaining("$" + AccessToken.DEFAULT_ENV);
        assertThat(ServeConfig.defaults("127.0.0.1", 0).loopback()).isTrue();
        assertThat(ServeConfig.defaults("localhost", 0).loopback()).isTrue();
        assertThat(ServeConfig.defaults("0.0.0.0", 0).loopback()).isFalse();
    }

    @Test
    void theApiAnswers401WithoutTheRightBearerToken() throws Exception {
        try (RecommendationServer server = start(Optional.of(AccessToken.of(TOKEN)), 0)) {
            for (String wrong : new String[] {null, "Bearer not-the-token-at-all", "Basic " + TOKEN, TOKEN, "Bearer " + TOKEN + "x"}) {
                HttpResponse<String> r = post(server, wrong);
                assertThat(r.statusCode()).as(String.valueOf(wrong)).isEqualTo(401);
                assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"rarec\"");
                JsonNode error = Json.MAPPER.readTree(r.body());
                assertThat(error.get("field").asText()).isEqualTo("Authorization");
                assertThat(r.body()).doesNotContain(TOKEN);
            }
            assertThat(post(server, "Bearer " + TOKEN).statusCode()).isEqualTo(200);
            assertThat(post(server, "bearer  " + TOKEN + " ").statusCode()).isEqualTo(200);
            // the page, the description and the health check stay open
            assertThat(get(server, "/health").statusCode()).isEqualTo(200);
            assertThat(get(server, "/").statusCode()).isEqualTo(200);
            JsonNode doc = Json.MAPPER.readTree(get(server, "/openapi.json").body());
            assertThat(doc.at("/servers/0/url").asText()).isEqualTo(server.url());
            assertThat(doc.at("/components/securitySchemes/bearerAuth/scheme").asText()).isEqualTo("bearer");
            assertThat(doc.at("/paths/~1v1~1recommendations/post/security/0").has("bearerAuth")).isTrue();
            assertThat(doc.at("/paths/~1v1~1recommendations/post/responses").has("401")).isTrue();
            assertThat(doc.at("/paths/~1health/get/security").isArray()).isTrue();
            assertThat(doc.at("/paths/~1health/get/security")).isEmpty();
        }
    }

    @Test
    void aLoopbackServerWithoutATokenSaysSoInItsDescription() throws Exception {
        try (RecommendationServer server = start(Optional.empty(), 0)) {
            assertThat(post(server, null).statusCode()).isEqualTo(200);
            JsonNode post = Json.MAPPER.readTree(get(server, "/openapi.json").body()).at("/paths/~1v1~1recommendations/post");
            assertThat(post.get("security").isArray()).isTrue();
            assertThat(post.get("security")).isEmpty();
            assertThat(post.get("responses").has("401")).isFalse();
            assertThat(post.get("responses").has("429")).isTrue();
        }
    }

    @Test
    void eachClientBeyondItsAllowanceGets429WithRetryAfter() throws Exception {
        try (RecommendationServer server = start(Optional.of(AccessToken.of(TOKEN)), 3)) {
            assertThat(post(server, "Bearer " + TOKEN).statusCode()).isEqualTo(200);
            // a request without the token still counts: guessing is throttled too
            assertThat(post(server, null).statusCode()).isEqualTo(401);
            assertThat(get(server, "/health").statusCode()).isEqualTo(200);
            HttpResponse<String> limited = post(server, "Bearer " + TOKEN);
            assertThat(limited.statusCode()).isEqualTo(429);
            long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 20L);
            assertThat(Json.MAPPER.readTree(limited.body()).get("error").asText()).contains("at most 3 a minute");
            assertThat(get(server, "/health").statusCode()).isEqualTo(429);
            assertThat(Json.MAPPER.readTree(get(server, "/openapi.json").body())).isNotNull();
        }
    }

    @Test
    void theBucketRefillsAndClientsAreCountedApart() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(2, now::get);
        assertThat(limiter.admit("a")).isEmpty();
        assertThat(limiter.admit("a")).isEmpty();
        assertThat(limiter.admit("a")).hasValueSatisfying(wait -> assertThat(wait.toMillis()).isBetween(29_999L, 30_001L));
        assertThat(limiter.admit("b")).isEmpty();
        now.addAndGet(Duration.ofSeconds(20).toNanos());
        assertThat(limiter.admit("a")).hasValueSatisfying(wait -> assertThat(wait.toMillis()).isBetween(9_999L, 10_001L));
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(limiter.admit("a")).isEmpty();
        assertThat(limiter.admit("a")).isPresent();
    }

    @Test
    void theTokenIsNeverShownAndMustBeLongEnough() {
        AccessToken token = AccessToken.of(TOKEN);
        assertThat(token.toString()).doesNotContain(TOKEN);
        assertThat(ServeConfig.defaults("127.0.0.1", 0).withAccess(Optional.of(token), 5).toString()).doesNotContain(TOKEN);
        assertThatThrownBy(() -> AccessToken.of("short")).hasMessageContaining("16 characters");
        assertThat(AccessToken.fromEnvironment("RAREC_T", name -> " ")).isEmpty();
        assertThatThrownBy(() -> AccessToken.fromEnvironment("RAREC_T", name -> "abc"))
                .hasMessageContaining("$RAREC_T").hasMessageNotContaining("abc");
    }
}
