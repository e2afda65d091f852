package dev.rarec.bench;

import dev.rarec.generator.ConversationRecommender;
import dev.rarec.generator.SurfaceFixtures;
import dev.rarec.serve.RecommendationServer;
import dev.rarec.serve.ServeConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The load harness on the fake pipeline: small counts, the same checks as the real run. */
class LoadBenchTest {

    @Test
    void loadThenMalformedThenHealthy() throws Exception {
        ConversationRecommender recommender = SurfaceFixtures.recommender(true);
        try (RecommendationServer server = RecommendationServer.start(ServeConfig.defaults("127.0.0.1", 0),
                Map.of("fake", recommender))) {
            LoadBench.Settings settings = new LoadBench.Settings(200, 8, 40, 5, Duration.ofMinutes(1), 7);
            List<String> conversations = LoadBench.sampleConversations(recommender.corpus(), 50, 5, 7);
            String reference = LoadBench.sampleConversations(recommender.corpus(), 1, 5, 8).get(0);

            LoadBench.Report report = new LoadBench(server.url(), settings).run(conversations, reference);

            assertThat(report.load().sent()).isEqualTo(200);
            assertThat(report.load().ok()).isEqualTo(200);
            assertThat(report.load().p99Millis()).isGreaterThanOrEqualTo(report.load().p50Millis()).isPositive();
            assertThat(report.malformed()).hasSize(8).allSatisfy(m -> {
                assertThat(m.sent()).isEqualTo(5);
                assertThat(m.answered4xx()).as(m.kind() + " " + m.statuses()).isEqualTo(5);
                assertThat(m.withErrorJson()).as(m.kind()).isEqualTo(5);
            });
            assertThat(report.malformed()).filteredOn(m -> m.kind().equals("huge body"))
                    .singleElement().satisfies(m -> assertThat(m.statuses()).containsOnlyKeys(413));
            assertThat(report.after().healthy()).isTrue();
            assertThat(report.after().sameAsBefore()).isTrue();
            assertThat(report.passed()).isTrue();

            String md = report.markdown("rarec bench-serve --requests 200", "2 cores", "abc");
            assertThat(md).contains("## HTTP API under load (loopback)", "| 200 | 8 | 200 | 0 |", "| **all** | 40 | 40 | 40 |",
                    "Result: **passed**", "`rarec bench-serve --requests 200`", "generator: `fake`");
        }
    }

    @Test
    void refusesNonLoopbackTargetsAndComputesPercentiles() {
        assertThatThrownBy(() -> new LoadBench("http://192.0.2.1:8080", LoadBench.Settings.standard(1)))
                .hasMessageContaining("only targets loopback");
        double[] sorted = new double[100];
        for (int i = 0; i < 100; i++) sorted[i] = i + 1;
        assertThat(LoadBench.percentile(sorted, 50)).isEqualTo(50);
        assertThat(LoadBench.percentile(sorted, 99)).isEqualTo(99);
        assertThat(LoadBench.percentile(new double[] {3}, 99)).isEqualTo(3);
    }
}
