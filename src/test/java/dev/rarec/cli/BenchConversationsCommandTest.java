package dev.rarec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.rarec.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rarec bench-conversations --url} against a stand-in server: the figures printed and written, the requests sent, a 429 waited out. */
class BenchConversationsCommandTest {

    @Test
    void measuresARunningServerAndWritesTheFigures(@TempDir Path dir) throws Exception {
        Path suite = dir.resolve("suite.json");
        Files.writeString(suite, """
                {"suite": "t", "version": 1, "conversations": [
                  {"id": "heat", "messages": [{"role": "user", "content": "I loved Heat"}],
                   "expect": {"genresAny": ["crime"], "named": [{"text": "Heat", "imdbId": "tt0113277", "title": "Heat", "year": 1995}]}}]}""");
        List<String> requests = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/recommendations", exchange -> {
            requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (requests.size() == 1) {
                // the server's rate limit: the bench waits it out instead of counting a failure
                exchange.getResponseHeaders().add("Retry-After", "1");
                exchange.sendResponseHeaders(429, -1);
                exchange.close();
                return;
            }
            String film = "{\"id\": 3, \"imdbId\": \"tt0122690\", \"title\": \"Ronin\", \"year\": 1998, \"genres\": [\"Crime\"], \"director\": \"\", \"cast\": []}";
            byte[] body = ("{\"recommendations\": [" + String.join(",", film, film, film, film, film) + "],"
                    + " \"history\": [{\"id\": 0, \"imdbId\": \"tt0113277\", \"title\": \"Heat\", \"year\": 1995}]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Path out = dir.resolve("results/conversations.json");
            String url = "http://127.0.0.1:" + server.getAddress().getPort();

            String[] r = Cli.run("bench-conversations", "--url", url, "--suite", suite.toString(), "--home", dir.resolve("home").toString(),
                    "--out", out.toString());

            assertThat(r[0]).as(r[2]).isEqualTo("0");
            assertThat(r[1]).contains("top-5 constraint satisfaction 1.000", "named films resolved 1/1");
            assertThat(requests).hasSize(2);
            assertThat(requests.get(1)).isEqualTo(requests.get(0));
            JsonNode request = Json.MAPPER.readTree(requests.get(0));
            assertThat(request.get("k").asInt()).isEqualTo(5);
            assertThat(request.get("messages").get(0).get("content").asText()).isEqualTo("I loved Heat");
            JsonNode json = Json.MAPPER.readTree(out.toFile());
            assertThat(json.get("satisfaction").asDouble()).isEqualTo(1.0);
            assertThat(json.get("resolved").asInt()).isEqualTo(1);
            assertThat(json.get("resolvable").asInt()).isEqualTo(1);
            assertThat(json.get("command").asText()).startsWith("rarec bench-conversations --url " + url);
            assertThat(json.get("provenance").get("inputs").get("suiteSha256").asText()).hasSize(64);
            assertThat(json.get("provenance").get("config").get("target").asText()).isEqualTo(url);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aBadSuiteStopsTheRunNamingTheFile(@TempDir Path dir) throws Exception {
        Path suite = dir.resolve("suite.json");
        Files.writeString(suite, "{\"suite\": \"t\", \"version\": 1, \"conversations\": []}");

        String[] r = Cli.run("bench-conversations", "--url", "http://127.0.0.1:9", "--suite", suite.toString(), "--out", dir.resolve("o.json").toString());

        assertThat(r[0]).isEqualTo("1");
        assertThat(r[2]).contains("error: " + suite + ": no conversations");
        assertThat(dir.resolve("o.json")).doesNotExist();
    }
}
