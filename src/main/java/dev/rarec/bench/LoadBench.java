package dev.rarec.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Movie;
import dev.rarec.util.Json;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A bounded loopback load of the API: a fixed number of well-formed conversations sent by a fixed
 * number of concurrent clients (throughput, p50, p99), then malformed requests that must all be
 * answered 4xx, then a check that the server is healthy and still answers a reference conversation
 * exactly as it did before the load. Refuses any target that is not a loopback address, and stops at
 * its request count or its time limit, whichever comes first.
 */
public final class LoadBench {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final Settings settings;

    /**
     * @param requests    well-formed requests to send (after a warm-up of {@link #warmup()} not counted)
     * @param concurrency clients sending at once
     * @param malformed   malformed requests to send
     * @param k           recommendations each well-formed request asks for
     * @param timeLimit   the whole run stops sending when this has passed
     * @param seed        seed of the sampled conversations
     */
    public record Settings(int requests, int concurrency, int malformed, int k,
                           @JsonSerialize(using = ToStringSerializer.class) Duration timeLimit, long seed) {
        public Settings {
            if (requests < 1 || concurrency < 1 || malformed < 0 || k < 1) {
                throw new IllegalArgumentException("requests, concurrency and k must be positive, malformed not negative");
            }
        }

        /** The figures of docs/benchmarks.md: 2,000 requests, 16 concurrent, 200 malformed, k = 10, at most 20 minutes. */
        public static Settings standard(long seed) {
            return new Settings(2000, 16, 200, 10, Duration.ofMinutes(20), seed);
        }

        int warmup() {
            return Math.min(50, Math.max(1, requests / 10));
        }
    }

    /** Latency and throughput of the well-formed requests. */
    public record Load(int sent, int ok, int failed, double wallSeconds, double throughput, double p50Millis,
                       double p90Millis, double p99Millis, double maxMillis, boolean stoppedByTimeLimit,
                       Map<String, Integer> failures) {}

    /** How one kind of malformed request was answered. */
    public record Malformed(String kind, int sent, int answered4xx, int withErrorJson, Map<Integer, Integer> statuses) {}

    /** Health and correctness after the load. */
    public record After(boolean healthy, boolean referenceOk, boolean sameAsBefore, String detail) {}

    public record Report(Settings settings, String generator, int corpusSize, Load load, List<Malformed> malformed,
                         After after) {
        public boolean malformedAll4xx() {
            return malformed.stream().allMatch(m -> m.answered4xx() == m.sent() && m.withErrorJson() == m.sent());
        }

        /** Everything held: no failed well-formed request, every malformed one 4xx with an error body, healthy after. */
        public boolean passed() {
            return load.failed() == 0 && !load.stoppedByTimeLimit() && malformedAll4xx()
                    && after.healthy() && after.referenceOk() && after.sameAsBefore();
        }

        /**
         * The report as a Markdown section for docs/benchmarks.md.
         *
         * @param command the exact command that produced it
         * @param machine what it ran on, e.g. "2 cores, 24 GiB"
         */
        public String markdown(String command, String machine, String commit) {
            StringBuilder md = new StringBuilder();
            md.append("## HTTP API under load (loopback)\n\n");
            md.append("- command: `").append(command).append("`\n");
            md.append("- generator: `").append(generator).append("`, corpus: ").append(corpusSize).append(" movies, k = ")
                    .append(settings.k()).append(", conversations sampled from the corpus with seed ").append(settings.seed()).append('\n');
            md.append("- machine: ").append(machine).append(", server and clients in one JVM on 127.0.0.1, commit `").append(commit).append("`\n");
            md.append("- ").append(settings.warmup()).append(" warm-up requests first, not counted\n\n");
            md.append("| requests | concurrent | ok | failed | wall (s) | throughput (req/s) | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |\n");
            md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            md.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
                    load.sent(), settings.concurrency(), load.ok(), load.failed(), load.wallSeconds(), load.throughput(),
                    load.p50Millis(), load.p90Millis(), load.p99Millis(), load.maxMillis()));
            if (load.stoppedByTimeLimit()) md.append("\nStopped by the time limit of ").append(settings.timeLimit()).append(".\n");
            if (!load.failures().isEmpty()) {
                md.append("\nFailures: ");
                load.failures().forEach((k, v) -> md.append(k).append(" × ").append(v).append("; "));
                md.append('\n');
            }
            int sent = malformed.stream().mapToInt(Malformed::sent).sum();
            int answered = malformed.stream().mapToInt(Malformed::answered4xx).sum();
            md.append("\n### Malformed requests\n\n");
            md.append("| kind | sent | answered 4xx | with `{\"error\",\"field\"}` | statuses |\n|---|---:|---:|---:|---|\n");
            for (Malformed m : malformed) {
                StringBuilder statuses = new StringBuilder();
                m.statuses().forEach((s, n) -> statuses.append(statuses.isEmpty() ? "" : ", ").append(s == 0 ? "no answer" : s).append(" × ").append(n));
                md.append("| ").append(m.kind()).append(" | ").append(m.sent()).append(" | ").append(m.answered4xx())
                        .append(" | ").append(m.withErrorJson()).append(" | ").append(statuses).append(" |\n");
            }
            md.append("| **all** | ").append(sent).append(" | ").append(answered).append(" | ")
                    .append(malformed.stream().mapToInt(Malformed::withErrorJson).sum()).append(" | |\n");
            md.append("\n### After\n\n");
            md.append("- `GET /health`: ").append(after.healthy() ? "200, status ok" : "NOT healthy").append('\n');
            md.append("- reference conversation: ").append(after.referenceOk() ? "200 with k recommendations" : "FAILED")
                    .append(after.sameAsBefore() ? ", the same ranking as before the load" : ", a DIFFERENT ranking than before the load")
                    .append('\n');
            if (!after.detail().isEmpty()) md.append("- ").append(after.detail()).append('\n');
            md.append("\nResult: ").append(passed() ? "**passed**" : "**FAILED**").append('\n');
            return md.toString();
        }
    }

    public LoadBench(String baseUrl, Settings settings) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        this.settings = settings;
        requireLoopback(base);
    }

    private static void requireLoopback(URI uri) {
        try {
            for (InetAddress a : InetAddress.getAllByName(uri.getHost())) {
                if (!a.isLoopbackAddress()) {
                    throw new IllegalArgumentException("the load bench only targets loopback addresses, not " + uri.getHost());
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot resolve " + uri.getHost() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Request bodies of 1 to 3 turns naming 1 to 4 corpus movies by "Title (Year)", with a few of the
     * phrasings people use; seeded, so two runs send the same load.
     */
    public static List<String> sampleConversations(Corpus corpus, int count, int k, long seed) {
        Random random = new Random(seed);
        String[] openers = {"I loved %s.", "%s is one of my favourites.", "Last week I watched %s and really enjoyed it.",
                "Can you suggest something like %s?", "My partner and I liked %s."};
        String[] asks = {"What should I watch next?", "Something in that vein, please.", "Any ideas for tonight?", ""};
        List<String> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ObjectNode body = Json.MAPPER.createObjectNode();
            ArrayNode messages = body.putArray("messages");
            int turns = 1 + random.nextInt(3);
            for (int t = 0; t < turns; t++) {
                int named = 1 + random.nextInt(Math.min(2, corpus.size()));
                List<String> titles = new ArrayList<>();
                for (int n = 0; n < named; n++) titles.add(corpus.get(random.nextInt(corpus.size())).displayTitle());
                String user = String.format(openers[random.nextInt(openers.length)], String.join(" and ", titles))
                        + " " + asks[random.nextInt(asks.length)];
                messages.addObject().put("role", "user").put("content", user.strip());
                if (t < turns - 1) {
                    Movie m = corpus.get(random.nextInt(corpus.size()));
                    messages.addObject().put("role", "assistant").put("content", "Have you seen " + m.displayTitle() + "?");
                }
            }
            body.put("k", k);
            bodies.add(body.toString());
        }
        return bodies;
    }

    /** Runs load, malformed requests and the after-check against a server answering {@code generator}. */
    public Report run(List<String> conversations, String reference) throws InterruptedException {
        if (conversations.isEmpty()) throw new IllegalArgumentException("no conversations to send");
        long deadline = System.nanoTime() + settings.timeLimit().toNanos();
        Sent before = send(post(reference));
        if (before.status != 200) {
            throw new IllegalStateException("the server does not answer the reference conversation: " + before.status + " " + before.body);
        }
        JsonNode beforeJson = parse(before.body);
        String generator = beforeJson.path("generator").asText();
        int corpusSize = parse(send(get("/health")).body).path("corpusSize").asInt();

        for (int i = 0; i < settings.warmup(); i++) send(post(conversations.get(i % conversations.size())));
        Load load = load(conversations, deadline);
        List<Malformed> malformed = malformed(deadline);
        After after = after(beforeJson, reference);
        return new Report(settings, generator, corpusSize, load, malformed, after);
    }

    private Load load(List<String> conversations, long deadline) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicLong failed = new AtomicLong();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        double[] latencies = new double[settings.requests()];
        Arrays.fill(latencies, Double.NaN);
        ExecutorService clients = Executors.newFixedThreadPool(settings.concurrency());
        long t0 = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < settings.concurrency(); c++) {
                workers.add(clients.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < settings.requests() && System.nanoTime() < deadline) {
                        long s = System.nanoTime();
                        Sent r = send(post(conversations.get(i % conversations.size())));
                        latencies[i] = (System.nanoTime() - s) / 1e6;
                        String problem = r.status != 200 ? "HTTP " + r.status : wellFormed(r.body);
                        if (problem.isEmpty()) {
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            failures.merge(problem, 1, Integer::sum);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                try {
                    w.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a load client failed", e.getCause());
                }
            }
        } finally {
            clients.shutdownNow();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double[] done = Arrays.stream(latencies).filter(d -> !Double.isNaN(d)).sorted().toArray();
        int sent = done.length;
        return new Load(sent, ok.get(), (int) failed.get(), wall, sent / wall, percentile(done, 50), percentile(done, 90),
                percentile(done, 99), sent == 0 ? 0 : done[sent - 1], sent < settings.requests(), new TreeMap<>(failures));
    }

    /** Empty when the body is a ranking of k items, else what is wrong with it. */
    private String wellFormed(String body) {
        JsonNode json = parse(body);
        JsonNode recs = json.path("recommendations");
        if (!recs.isArray() || recs.isEmpty()) return "200 without recommendations";
        if (recs.size() > settings.k()) return "more than k recommendations";
        if (!json.path("candidates").isArray() || !json.path("timings").isObject()) return "200 without candidates or timings";
        return "";
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) return 0;
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The kinds of malformed request, each a function of its index so the bodies vary. */
    static Map<String, Function<Integer, String>> malformedKinds(int maxBodyHint) {
        String ok = "{\"role\":\"user\",\"content\":\"I loved Heat\"}";
        Map<String, Function<Integer, String>> kinds = new LinkedHashMap<>();
        kinds.put("bad JSON", i -> switch (i % 5) {
            case 0 -> "{\"messages\": [" + ok;
            case 1 -> "{messages: []}";
            case 2 -> "not json at all " + i;
            case 3 -> "{\"messages\": [" + ok + ",]}";
            default -> "{\"messages\": [" + ok + "]}}";
        });
        // Just over the limit, a few times it, and 4 MiB: the server must refuse each without reading it all.
        kinds.put("huge body", i -> "{\"messages\":[{\"role\":\"user\",\"content\":\""
                + "Heat ".repeat(i % 4 == 3 ? 800_000 : (maxBodyHint / 5) * (1 + i % 3)) + "\"}]}");
        kinds.put("wrong types", i -> switch (i % 5) {
            case 0 -> "{\"messages\": \"I loved Heat\"}";
            case 1 -> "{\"messages\": [{\"role\": \"user\", \"content\": 42}]}";
            case 2 -> "{\"messages\": [" + ok + "], \"k\": \"ten\"}";
            case 3 -> "{\"messages\": [{\"role\": 1, \"content\": \"Heat\"}]}";
            default -> "[" + ok + "]";
        });
        kinds.put("unknown generator", i -> "{\"messages\": [" + ok + "], \"generator\": \"no-such-generator-" + i + "\"}");
        kinds.put("empty conversation", i -> switch (i % 3) {
            case 0 -> "{\"messages\": []}";
            case 1 -> "{\"messages\": [{\"role\": \"user\", \"content\": \"   \"}]}";
            default -> "{}";
        });
        kinds.put("k out of range", i -> "{\"messages\": [" + ok + "], \"k\": " + (i % 2 == 0 ? 0 : 51 + i) + "}");
        kinds.put("unknown role", i -> "{\"messages\": [{\"role\": \"system\", \"content\": \"Heat\"}]}");
        kinds.put("too many messages", i -> "{\"messages\": [" + String.join(",", Collections.nCopies(101 + i % 20, ok)) + "]}");
        return kinds;
    }

    private List<Malformed> malformed(long deadline) throws InterruptedException {
        Map<String, Function<Integer, String>> kinds = malformedKinds(64 * 1024);
        List<String> names = List.copyOf(kinds.keySet());
        List<Malformed> out = new ArrayList<>();
        for (int kind = 0; kind < names.size(); kind++) {
            int count = settings.malformed() / names.size() + (kind < settings.malformed() % names.size() ? 1 : 0);
            int answered = 0;
            int withJson = 0;
            Map<Integer, Integer> statuses = new TreeMap<>();
            int sent = 0;
            for (int i = 0; i < count && System.nanoTime() < deadline; i++, sent++) {
                Sent r = send(post(kinds.get(names.get(kind)).apply(i)));
                statuses.merge(r.status, 1, Integer::sum);
                if (r.status >= 400 && r.status < 500) {
                    answered++;
                    JsonNode json = parse(r.body);
                    if (json.path("error").isTextual() && !json.path("error").asText().isBlank() && json.has("field")) withJson++;
                }
            }
            out.add(new Malformed(names.get(kind), sent, answered, withJson, statuses));
        }
        return out;
    }

    private After after(JsonNode beforeJson, String reference) throws InterruptedException {
        Sent health = send(get("/health"));
        boolean healthy = health.status == 200 && "ok".equals(parse(health.body).path("status").asText());
        Sent r = send(post(reference));
        boolean ok = r.status == 200 && wellFormed(r.body).isEmpty();
        JsonNode afterJson = parse(r.body);
        boolean same = ok && afterJson.path("recommendations").equals(beforeJson.path("recommendations"))
                && afterJson.path("candidates").equals(beforeJson.path("candidates"));
        String detail = ok ? "" : "reference request answered " + r.status + ": " + abbreviate(r.body);
        return new After(healthy, ok, same, detail);
    }

    private HttpRequest post(String body) {
        return HttpRequest.newBuilder(base.resolve("/v1/recommendations")).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build();
    }

    private record Sent(int status, String body) {}

    /** Status 0 when no answer came (connection refused or reset, timeout). */
    private Sent send(HttpRequest request) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Sent(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Sent(0, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static JsonNode parse(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
