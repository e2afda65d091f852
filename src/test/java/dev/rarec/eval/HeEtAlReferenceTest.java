package dev.rarec.eval;

import dev.rarec.TestData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Our interval is the one He et al. (2023) publish: their summary.csv gives, per metric, the mean,
 * the standard error and the 95% CI. A Recall@k column is a mean of 0/1 rows, so the rows can be
 * rebuilt from the mean and the row count, and our CI must come out equal to theirs.
 */
class HeEtAlReferenceTest {
    private static final Path SUMMARY = TestData.dataDir().resolve("reference_results/he2023_llm_zeroshot/gpt-4/redial/"
            + "filtered_True_exclude_seen_True/summary.csv");

    @Test
    void recallIntervalsMatchTheirSummary() throws IOException {
        TestData.require(Files.isRegularFile(SUMMARY), "He et al. reference results not found at " + SUMMARY.toAbsolutePath()
                + " (see the data README)");
        List<String> lines = Files.readAllLines(SUMMARY);
        List<String> header = List.of(lines.get(0).split(","));
        String[] recommendation = lines.stream().filter(l -> l.startsWith("recommendation,")).findFirst().orElseThrow().split(",");
        for (int k : List.of(1, 5, 10, 20)) {
            double mean = Double.parseDouble(recommendation[header.indexOf("recall@" + k + "_mean")]);
            double se = Double.parseDouble(recommendation[header.indexOf("recall@" + k + "_se")]);
            double ci = Double.parseDouble(recommendation[header.indexOf("recall@" + k + "_ci")]);
            // sample variance of n Bernoulli rows is n/(n-1)·p(1-p), so se² = p(1-p)/(n-1)
            int n = (int) Math.round(mean * (1 - mean) / (se * se) + 1);
            assertThat(n).as("rows of ReDial's recommendation condition").isEqualTo(4288);
            int hits = (int) Math.round(mean * n);
            double[] values = new double[n];
            for (int i = 0; i < hits; i++) values[i] = 1;

            Estimate ours = Metrics.mean(values);
            assertThat(ours.mean()).isCloseTo(mean, within(1e-12));
            assertThat(ours.ci95()).as("recall@" + k).isCloseTo(ci, within(1e-9));
        }
    }
}
