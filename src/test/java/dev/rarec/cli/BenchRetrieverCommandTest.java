package dev.rarec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rarec.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BenchRetrieverCommandTest {

    @Test
    void latencyModeWritesMediansForEachCorpusSize(@TempDir Path dir) throws Exception {
        CommandLine cl = Rarec.commandLine();
        int code = cl.execute("bench-retriever", "--latency", "--model", "lrurec", "--items", "300,600", "--text-dim", "16",
                "--runs", "2", "--queries", "5", "--latency-batch", "8", "--out", dir.toString(), "--home", dir.resolve("home").toString());
        assertThat(code).isZero();
        JsonNode json = Json.MAPPER.readTree(dir.resolve("retriever-latency-lrurec.json").toFile());
        assertThat(json.get("results")).hasSize(2);
        assertThat(json.get("results").get(1).get("items").asInt()).isEqualTo(600);
        assertThat(json.get("results").get(0).get("singleP50Ms").asDouble()).isPositive();
    }

    @Test
    void missingDatasetIsAnErrorNamingThePath(@TempDir Path dir) {
        CommandLine cl = Rarec.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("bench-retriever", "--data-dir", dir.toString(), "--home", dir.resolve("home").toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("sequences_lrurec_min5.tsv.gz");
    }

    @Test
    void torchThreadsOptionWinsOverTheLaunchersSetting(@TempDir Path dir) {
        String key = "ai.djl.pytorch.num_threads";
        String before = System.getProperty(key);
        try {
            System.setProperty(key, "1"); // what ./rarec passes by default
            Rarec.commandLine().setErr(new PrintWriter(new StringWriter()))
                    .execute("bench-retriever", "--torch-threads", "2", "--data-dir", dir.toString(), "--home", dir.resolve("home").toString());
            assertThat(System.getProperty(key)).isEqualTo("2");

            System.setProperty(key, "1");
            Rarec.commandLine().setErr(new PrintWriter(new StringWriter()))
                    .execute("bench-retriever", "--data-dir", dir.toString(), "--home", dir.resolve("home").toString());
            assertThat(System.getProperty(key)).isEqualTo("1");
        } finally {
            if (before == null) System.clearProperty(key); else System.setProperty(key, before);
        }
    }
}
