package dev.rarec.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rarec.corpus.TextFiles;
import dev.rarec.util.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The loop every JSON-lines reader shares: each non-blank line is parsed and handed on with its line
 * number; a line that is not JSON is reported as a bad record (file, line, reason) and skipped.
 */
final class JsonLines {
    /** Receives one parsed record. */
    @FunctionalInterface
    interface Record {
        void accept(JsonNode node, long lineNo);
    }

    private JsonLines() {}

    /** @param expected what a line should hold, for the bad-record reason ("a JSON object") */
    static void read(Path file, String expected, LinkCounter counter, Record record) {
        try (BufferedReader r = TextFiles.open(file)) {
            String line;
            long lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                JsonNode node;
                try {
                    node = Json.MAPPER.readTree(line);
                } catch (JsonProcessingException e) {
                    counter.bad(file.toString(), lineNo, "not " + expected + ": " + e.getOriginalMessage());
                    continue;
                }
                record.accept(node, lineNo);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
