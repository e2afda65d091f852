package dev.rarec.eval;

import dev.rarec.data.CrsExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportWriterTest {

    /** Two methods on the toy pipeline, with popularity groups and a sweep; shared with the demo run. */
    static void writeToyReport(Path dir) {
        List<CrsExample> examples = EvalFixtures.manyExamples(60);
        EvalOptions base = new EvalOptions(5, Metrics.DEFAULT_KS, 2, Set.of(0, 1, 2, 3, 4), "toy", "reverse");
        EvalResult reverse = Evaluator.evaluate(EvalFixtures.pipeline(), examples, base, s -> {});
        EvalResult identity = Evaluator.evaluate(EvalFixtures.retrieverOnlyPipeline(), examples,
                base.withNames("toy", "retriever-only"), s -> {});
        SweepResult sweep = Evaluator.sweep(EvalFixtures.retrieverOnlyPipeline(), examples, new int[] {2, 4, 6, 8},
                base.withNames("toy", "retriever-only"), s -> {});
        ReportWriter.write(dir, "Toy evaluation", List.of(reverse, identity), Optional.of(sweep), provenance());
    }

    private static Map<String, Object> provenance() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("command", "rarec eval --dataset toy");
        p.put("seed", 7);
        p.put("data", "in-memory fixture | 60 examples");
        return p;
    }

    @Test
    void writesReadableReportJsonRowsAndFigures(@TempDir Path dir) throws IOException {
        writeToyReport(dir);

        String md = Files.readString(dir.resolve(ReportWriter.REPORT));
        assertThat(md).startsWith("# Toy evaluation")
                .contains("| reverse |", "| retriever-only |", "N@10", "R@20", " ± ",
                        "unseen", "seen", "Retrieval-size sweep", "Failed examples", "c5#1",
                        "in-memory fixture \\| 60 examples",
                        ReportWriter.GROUPS_PNG, ReportWriter.SWEEP_PNG, ReportWriter.CUTOFFS_PNG);

        EvalReport back = ReportWriter.readMetrics(dir);
        assertThat(back.title()).isEqualTo("Toy evaluation");
        assertThat(back.provenance()).isEqualTo(provenance());
        assertThat(back.results()).hasSize(2);
        assertThat(back.results().get(0).rows()).isEmpty();
        assertThat(back.sweep().sizes()).containsExactly(2, 4, 6, 8);
        assertThat(back.comparisons()).extracting(EvalReport.Comparison::metric)
                .containsExactly("ndcg@5", "recall@5", "ndcg@10", "recall@10");
        assertThat(back.comparisons()).allSatisfy(c -> {
            assertThat(c.baseline()).isEqualTo("reverse");
            assertThat(c.method()).isEqualTo("retriever-only");
        });
        assertThat(md).contains("Paired differences", "| toy | retriever-only | reverse |");

        long rowLines = Files.readAllLines(dir.resolve(ReportWriter.ROWS)).size();
        long answered = 0;
        for (EvalResult r : back.results()) answered += r.targets() - r.failedTargets();
        assertThat(rowLines).as("rows of the answered examples").isEqualTo(answered);

        for (String png : List.of(ReportWriter.GROUPS_PNG, ReportWriter.SWEEP_PNG, ReportWriter.CUTOFFS_PNG)) {
            BufferedImage image = ImageIO.read(dir.resolve(png).toFile());
            assertThat(image).as(png).isNotNull();
            assertThat(image.getWidth()).as(png).isGreaterThanOrEqualTo(800);
            assertThat(image.getHeight()).as(png).isGreaterThanOrEqualTo(400);
            assertThat(distinctColours(image)).as(png + " has text, axes and coloured series").isGreaterThan(20);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void jsonRoundTripsTheSummary(@TempDir Path dir) {
        List<CrsExample> examples = EvalFixtures.handExamples();
        EvalOptions o = new EvalOptions(5, List.of(1, 5, 10), 1, Set.of(1, 3), "toy", "reverse").withBootstrap(100, 5);
        EvalResult r = Evaluator.evaluate(EvalFixtures.pipeline(), examples, o, s -> {});
        ReportWriter.write(dir, "round trip", List.of(r), Optional.empty(), Map.of("seed", 5));

        EvalReport back = ReportWriter.readMetrics(dir);
        assertThat(back).isEqualTo(new EvalReport("round trip", Map.of("seed", 5), List.of(r.withoutRows()), SweepResult.NONE,
                List.of()));
        assertThat(back.results().get(0).metrics().keySet())
                .containsExactly("ndcg@1", "ndcg@5", "ndcg@10", "recall@1", "recall@5", "recall@10", "mrr@1", "mrr@5", "mrr@10");
        assertThat(Files.exists(dir.resolve(ReportWriter.SWEEP_PNG))).isFalse();
        assertThat(Files.exists(dir.resolve(ReportWriter.GROUPS_PNG))).isTrue();
    }

    @Test
    void aKeptReportsRanksPairLikeTheReportsOwnBaseline(@TempDir Path dir) {
        writeToyReport(dir);
        EvalReport own = ReportWriter.readMetrics(dir);
        RankList kept = ReportWriter.readFirstRanks(dir);
        assertThat(kept.method()).isEqualTo("reverse");
        assertThat(kept.keys()).as("digests, not example ids").allMatch(k -> k.matches("[0-9a-f]{12}"));

        // the second method evaluated again later, its baseline's model gone: the same differences from the kept ranks
        List<CrsExample> examples = EvalFixtures.manyExamples(60);
        EvalOptions base = new EvalOptions(5, Metrics.DEFAULT_KS, 2, Set.of(0, 1, 2, 3, 4), "toy", "retriever-only");
        EvalResult later = Evaluator.evaluate(EvalFixtures.retrieverOnlyPipeline(), examples, base, s -> {});
        List<EvalReport.Comparison> paired = ReportWriter.comparisons(kept, later, "retriever-only");
        assertThat(paired).isEqualTo(own.comparisons());
        assertThat(paired.get(2).difference().n()).isGreaterThan(50);
        assertThat(paired.get(2).difference().mean()).as("the toy methods differ").isNotZero();

        // other examples (here: the hand-made ones, whose ids the toy report does not have): a clear error
        EvalResult other = Evaluator.evaluate(EvalFixtures.retrieverOnlyPipeline(), EvalFixtures.handExamples(), base, s -> {});
        assertThatThrownBy(() -> ReportWriter.comparisons(kept, other, "retriever-only"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share no target");
    }

    @Test
    void aFolderWithoutRanksIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> ReportWriter.readFirstRanks(dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(ReportWriter.RANKS).hasMessageContaining("does not exist");
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) colours.add(image.getRGB(x, y));
        }
        return colours.size();
    }
}
