package dev.rarec.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rarec.generator.ConversationRecommender;
import dev.rarec.generator.ConversationRecommender.InvalidConversation;
import dev.rarec.generator.ConversationRecommender.Result;
import dev.rarec.generator.GeneratorException;
import dev.rarec.generator.GeneratorUnavailableException;
import dev.rarec.util.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP API and its web page, on Javalin's (Jetty's) thread pool:
 * <ul>
 *   <li>{@code POST /v1/recommendations}: a conversation in, ranked movies with metadata, the retrieved
 *       candidates and timings out;</li>
 *   <li>{@code GET /health}, {@code GET /openapi.json} (OpenAPI 3), and {@code GET /} (the chat page).</li>
 * </ul>
 * Requests run concurrently; the recommenders handed in must be safe for that (see {@link ConcurrencyGuard}).
 * Every refusal is a 4xx JSON body {@code {"error": "...", "field": "..."}}.
 *
 * <p>Each request may spend the operator's LLM key, so the API is guarded: with an {@link AccessToken}
 * (required off loopback) {@code /v1/*} answers 401 unless the request carries it as a bearer token, and
 * with a rate limit every client address gets its own allowance and is answered 429 with
 * {@code Retry-After} beyond it. The limit is checked first, so guessing the token is throttled too.
 */
public final class RecommendationServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecommendationServer.class);
    private static final String JSON = "application/json";

    private final ServeConfig config;
    private final Map<String, ConversationRecommender> generators;
    private final String defaultGenerator;
    private final String page;
    private final Optional<RateLimiter> limiter;
    private volatile String openApi;
    private final long startedNanos = System.nanoTime();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private Javalin app;

    private RecommendationServer(ServeConfig config, Map<String, ConversationRecommender> generators) {
        if (generators.isEmpty()) throw new IllegalArgumentException("the server needs at least one generator");
        this.config = config;
        this.generators = new LinkedHashMap<>(generators);
        this.defaultGenerator = generators.keySet().iterator().next();
        this.page = resource("index.html");
        this.limiter = config.requestsPerMinute() > 0 ? Optional.of(new RateLimiter(config.requestsPerMinute())) : Optional.empty();
    }

    /**
     * Starts listening. {@code generators} maps the names a request may put in {@code "generator"} to
     * recommenders; the first entry answers requests that name none.
     */
    public static RecommendationServer start(ServeConfig config, Map<String, ConversationRecommender> generators) {
        config.requireTokenOffLoopback();
        RecommendationServer server = new RecommendationServer(config, generators);
        server.app = server.create().start(config.host(), config.port());
        server.openApi = openApi(config, server.url());
        return server;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return app.port();
    }

    /** {@code http://host:port}, for clients and the log. */
    public String url() {
        return "http://" + config.host() + ":" + port();
    }

    public ServeConfig config() {
        return config;
    }

    @Override
    public void close() {
        if (app != null) app.stop();
    }

    private Javalin create() {
        Javalin javalin = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.http.prefer405over404 = true;
            cfg.http.maxRequestSize = config.maxBodyBytes();
        });
        javalin.before(this::guard);
        javalin.get("/", ctx -> ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-store").result(page));
        javalin.get("/health", this::health);
        javalin.get("/openapi.json", ctx -> ctx.contentType(JSON).result(openApi));
        javalin.post("/v1/recommendations", this::recommend);

        javalin.exception(RequestError.class, (e, ctx) -> refuse(ctx, e.status(), e.getMessage(), e.field()));
        javalin.exception(InvalidConversation.class, (e, ctx) -> refuse(ctx, 400, e.getMessage(), e.field()));
        javalin.exception(GeneratorException.class, this::generatorFailed);
        javalin.exception(GeneratorUnavailableException.class, this::generatorFailed);
        javalin.exception(Exception.class, (e, ctx) -> {
            failed.incrementAndGet();
            LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
            write(ctx, 500, new ApiViews.Error("internal error: " + e.getClass().getSimpleName(), null));
        });
        javalin.error(404, ctx -> write(ctx, 404, new ApiViews.Error("no such resource: " + ctx.method() + " " + ctx.path()
                + " (see GET /openapi.json)", "path")));
        javalin.error(405, ctx -> write(ctx, 405, new ApiViews.Error("method " + ctx.method() + " is not allowed on " + ctx.path(), "method")));
        return javalin;
    }

    private void generatorFailed(RuntimeException e, Context ctx) {
        failed.incrementAndGet();
        LOG.warn("generator failed: {}", e.getMessage());
        write(ctx, 502, new ApiViews.Error("the generator failed: " + e.getMessage(), null));
    }

    /** The rate limit for every request, then the token for the API. */
    private void guard(Context ctx) {
        if (limiter.isPresent()) {
            Optional<Duration> wait = limiter.get().admit(ctx.ip());
            if (wait.isPresent()) {
                long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                ctx.header("Retry-After", Long.toString(seconds));
                throw new RequestError(429, "client", 0, "too many requests from " + ctx.ip() + ": at most "
                        + config.requestsPerMinute() + " a minute; retry after " + seconds + " s");
            }
        }
        if (config.token().isPresent() && ctx.path().startsWith("/v1/") && !config.token().get().admits(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"rarec\"");
            throw new RequestError(401, "Authorization", 0, ctx.header("Authorization") == null
                    ? "this API needs an access token: send 'Authorization: Bearer <token>'"
                    : "the access token is wrong");
        }
    }

    private void recommend(Context ctx) {
        String body = readBody(ctx);
        MessagesJson.Parsed request = MessagesJson.parse(body, config.maxMessages(), config.maxMessageChars());
        int k = request.k().orElse(config.defaultK());
        if (k < 1 || k > config.maxK()) {
            throw new RequestError("k", 0, "k must be between 1 and " + config.maxK() + ", got " + k);
        }
        String name = request.generator().orElse(defaultGenerator);
        ConversationRecommender recommender = generators.get(name);
        if (recommender == null) {
            throw new RequestError("generator", 0, "unknown generator \"" + name + "\": this server offers " + String.join(", ", generators.keySet()));
        }
        Result result = recommender.recommend(request.messages(), k);
        served.incrementAndGet();
        write(ctx, 200, ApiViews.response(result, k));
    }

    /** Reads at most the configured body size; a declared or actual excess is a 413 before any parsing. */
    private String readBody(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > config.maxBodyBytes()) {
            throw tooLarge(declared);
        }
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] bytes = in.readNBytes(config.maxBodyBytes() + 1);
            if (bytes.length > config.maxBodyBytes()) throw tooLarge(-1);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RequestError("body", 0, "could not read the body: " + e.getMessage());
        }
    }

    private RequestError tooLarge(long declared) {
        String size = declared > 0 ? declared + " bytes" : "larger than allowed";
        return new RequestError(413, "body", 0, "the body is " + size + ": at most " + config.maxBodyBytes() + " bytes");
    }

    private void health(Context ctx) {
        ObjectNode h = Json.MAPPER.createObjectNode();
        h.put("status", "ok");
        h.putPOJO("generators", List.copyOf(generators.keySet()));
        h.put("defaultGenerator", defaultGenerator);
        h.put("corpusSize", generators.get(defaultGenerator).corpus().size());
        h.put("served", served.get());
        h.put("rejected", rejected.get());
        h.put("failed", failed.get());
        h.put("uptimeSeconds", (System.nanoTime() - startedNanos) / 1_000_000_000L);
        write(ctx, 200, h);
    }

    private void refuse(Context ctx, int status, String message, String field) {
        rejected.incrementAndGet();
        write(ctx, status, new ApiViews.Error(message, field));
    }

    private static void write(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType(JSON).result(Json.MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The hand-written description, with this server's address, limits and access rules filled in: the
     * bearer requirement is dropped when the server has no token (a loopback bind without one).
     */
    private static String openApi(ServeConfig config, String url) {
        try {
            ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(resource("openapi.json"));
            ObjectNode request = (ObjectNode) doc.at("/components/schemas/RecommendationRequest/properties");
            ((ObjectNode) request.get("k")).put("maximum", config.maxK()).put("default", config.defaultK());
            ((ObjectNode) request.get("messages")).put("maxItems", config.maxMessages());
            ((ObjectNode) doc.at("/components/schemas/Message/properties/content")).put("maxLength", config.maxMessageChars());
            ((ObjectNode) doc.at("/info")).put("x-max-body-bytes", config.maxBodyBytes());
            ((ObjectNode) doc.at("/info")).put("x-requests-per-minute", config.requestsPerMinute());
            ((ObjectNode) doc.at("/servers/0")).put("url", url).put("description", "this server");
            if (config.token().isEmpty()) {
                ObjectNode post = (ObjectNode) doc.at("/paths/~1v1~1recommendations/post");
                post.putArray("security");
                ((ObjectNode) post.get("responses")).remove("401");
            }
            return Json.PRETTY.writeValueAsString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException("openapi.json in the jar is not valid JSON", e);
        }
    }

    static String resource(String name) {
        try (InputStream in = RecommendationServer.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("resource " + name + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
