package dev.rarec.data.fetch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rarec.util.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The union of the partial copies of ReDial's train split, one line per conversation: taken from
 * the first copy (in the manifest's order) that holds it, ordered by conversationId, with
 * {@code _sources} (every copy holding it, as {@code owner/repo:path}) and {@code _messagesMerged}
 * added. A copy whose messages were already merged per speaker (no {@code messageId}, iEvaLM's)
 * is reduced to the original schema: the record's keys in ReDial's order, messages as
 * {@code {text, senderWorkerId}}.
 */
final class RedialTrainMerge {
    /** ReDial's keys in the order of its own files. */
    private static final List<String> REDIAL_KEYS = List.of("movieMentions", "respondentQuestions", "initiatorQuestions",
            "messages", "conversationId", "initiatorWorkerId", "respondentWorkerId");

    /** One partial copy: its {@code owner/repo:path} name and the downloaded file. */
    record Copy(String name, Path file) {}

    private RedialTrainMerge() {}

    static void merge(List<Copy> copies, OutputStream out) throws IOException {
        Map<String, ObjectNode> first = new HashMap<>();
        Map<String, List<String>> sources = new LinkedHashMap<>();
        for (Copy copy : copies) {
            try (BufferedReader r = Files.newBufferedReader(copy.file(), StandardCharsets.UTF_8)) {
                int lineNo = 0;
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lineNo++;
                    if (line.isBlank()) continue;
                    ObjectNode conversation = parse(line, copy.name(), lineNo);
                    String id = conversation.path("conversationId").asText("");
                    if (!id.matches("\\d+")) throw new IllegalStateException(copy.name() + " line " + lineNo + ": conversationId '" + id + "' is not a number");
                    sources.computeIfAbsent(id, k -> new ArrayList<>()).add(copy.name());
                    first.putIfAbsent(id, conversation);
                }
            }
        }
        List<String> ids = new ArrayList<>(first.keySet());
        ids.sort(Comparator.comparingLong(Long::parseLong));
        for (String id : ids) {
            ObjectNode conversation = first.get(id);
            boolean merged = conversation.path("messages").size() > 0 && !conversation.path("messages").get(0).has("messageId");
            ObjectNode record = merged ? originalSchema(conversation) : conversation;
            record.put("_messagesMerged", merged);
            ArrayNode cited = record.putArray("_sources");
            sources.get(id).forEach(cited::add);
            out.write((PythonJson.write(record) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static ObjectNode originalSchema(ObjectNode conversation) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (String key : REDIAL_KEYS) {
            if (!conversation.has(key)) continue;
            if (key.equals("messages")) {
                ArrayNode messages = out.putArray("messages");
                for (JsonNode m : conversation.get("messages")) {
                    ObjectNode message = messages.addObject();
                    message.set("text", m.get("text"));
                    message.set("senderWorkerId", m.get("senderWorkerId"));
                }
            } else {
                out.set(key, conversation.get(key));
            }
        }
        return out;
    }

    /** One line of a ReDial-style JSON-lines original as an object; anything else is an error naming the original and line. */
    static ObjectNode parse(String line, String name, int lineNo) {
        try {
            JsonNode n = Json.MAPPER.readTree(line);
            if (n instanceof ObjectNode o) return o;
            throw new IllegalStateException(name + " line " + lineNo + ": not a JSON object");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(name + " line " + lineNo + ": malformed JSON: " + e.getOriginalMessage(), e);
        }
    }
}
