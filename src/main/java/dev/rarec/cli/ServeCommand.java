package dev.rarec.cli;

import dev.rarec.generator.ConversationRecommender;
import dev.rarec.generator.Pipeline;
import dev.rarec.serve.AccessToken;
import dev.rarec.serve.ConcurrencyGuard;
import dev.rarec.serve.RecommendationServer;
import dev.rarec.serve.ServeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code rarec serve}: the HTTP API and the chat page, until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the recommendation API (POST /v1/recommendations, GET /health, GET /openapi.json) and a chat page at /.",
                "Listens on loopback unless --host says otherwise."})
public final class ServeCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin GeneratorOptions generator;
    @Spec CommandSpec spec;

    @Option(names = "--port", description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).", defaultValue = "8080")
    int port;

    @Option(names = "--host", description = "Interface to bind (default: ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--retrieval-size", description = "Candidates proposed to the generator (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + Pipeline.DEFAULT_RETRIEVAL_SIZE)
    int candidates;

    @Option(names = "--token-env", description = "Environment variable holding the access token clients must send as "
            + "'Authorization: Bearer <token>' (default: ${DEFAULT-VALUE}). Required unless --host is loopback; never logged.",
            defaultValue = AccessToken.DEFAULT_ENV)
    String tokenEnv;

    @Option(names = "--rate-limit", description = "Requests a minute each client address may send (a burst of this many, then "
            + "one every 60/n s; beyond it 429 with Retry-After); 0 = no limit (default: ${DEFAULT-VALUE}).", defaultValue = "60")
    int rateLimit;

    @Option(names = "--generator-permits", description = "Generator calls run at once (default: 1 for builtin, --llm-concurrency for llm).")
    Integer generatorPermits;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopping = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        ServeConfig config = ServeConfig.defaults(host, port)
                .withAccess(AccessToken.fromEnvironment(tokenEnv, System::getenv), rateLimit);
        config.requireTokenOffLoopback(); // before loading any model
        // Ctrl-C: stop taking requests, then give the workspace (models, caches) time to close cleanly. Registered after the
        // configuration checks and counted down in the finally below: a hook whose latch nothing releases held the exit of
        // a refused configuration for 30 s.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.countDown();
            try {
                closed.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rarec-serve-shutdown"));
        try (Workspace workspace = Workspace.open(common, generator);
             RecommendationServer server = RecommendationServer.start(config,
                     Map.of(generator.generator, guarded(workspace, generator, generatorPermits, candidates)))) {
            out.println("rarec serving " + server.url() + "/ (chat page), " + server.url() + "/v1/recommendations (API), "
                    + server.url() + "/openapi.json; Ctrl-C stops");
            out.println(config.token().isPresent()
                    ? "the API needs the token in $" + tokenEnv + " (open the page as " + server.url() + "/#token=<token>)"
                    : "no access token: only this machine can connect");
            out.println(rateLimit > 0 ? "each client may send " + rateLimit + " requests a minute" : "no rate limit");
            out.flush();
            stopping.await();
        } finally {
            closed.countDown();
        }
        return 0;
    }

    /**
     * The workspace's pipeline made safe for concurrent requests: retriever and mention detection one at a
     * time, the generator at most {@code permits} calls at once.
     */
    static ConversationRecommender guarded(Workspace workspace, GeneratorOptions generator, Integer permits, int candidates) {
        int n = permits != null ? permits : "llm".equals(generator.generator) ? Math.max(1, generator.concurrency) : 1;
        workspace.pipeline().read(List.of()); // builds the reader's title and person indexes now, not in the first request
        return new ConversationRecommender(ConcurrencyGuard.guard(workspace.pipeline(), n),
                ConcurrencyGuard.guard(workspace.mentions()), candidates);
    }
}
