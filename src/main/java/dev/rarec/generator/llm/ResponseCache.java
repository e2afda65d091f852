package dev.rarec.generator.llm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rarec.util.AtomicFiles;
import dev.rarec.util.Hashing;
import dev.rarec.util.Json;
import dev.rarec.util.RarecHome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers already paid for, on disk ({@code <home>/cache/llm}), so that re-running an evaluation or a
 * training epoch with the same endpoint, model, parameters and prompts sends no request. An entry is one
 * JSON file named by the SHA-256 of (endpoint host and port, model, answer parameters, messages); the API
 * key and the rest of the URL are never part of it. The host is in the key because two local servers that
 * accept any model name would otherwise answer for each other. Entries written before it was (keyed
 * without it) are still read when no entry with it exists. Writes are atomic (temporary file, then move),
 * so concurrent writers of the same key leave one complete file and a reader never sees half of one.
 */
public final class ResponseCache {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseCache.class);

    /** What a cache file holds: enough to trace the answer to its settings, and the answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(String host, String model, Map<String, Object> parameters, String content, String reasoning, String finishReason,
                 int promptTokens, int completionTokens) {}

    private final Path dir;

    public ResponseCache(Path dir) {
        this.dir = dir;
    }

    public static ResponseCache in(RarecHome home) {
        return new ResponseCache(home.llmCache());
    }

    public Path dir() {
        return dir;
    }

    /** The cache key of a request: SHA-256 over the endpoint's host, the model, the parameters that change an answer, and the messages. */
    public static String key(LlmConfig config, List<ChatMessage> messages) {
        Map<String, Object> keyed = new LinkedHashMap<>();
        keyed.put("host", config.host());
        keyed.putAll(legacyKeyed(config, messages));
        return hash(keyed);
    }

    /** The key entries had before the host was part of it. */
    static String legacyKey(LlmConfig config, List<ChatMessage> messages) {
        return hash(legacyKeyed(config, messages));
    }

    private static Map<String, Object> legacyKeyed(LlmConfig config, List<ChatMessage> messages) {
        Map<String, Object> keyed = new LinkedHashMap<>();
        keyed.put("model", config.model());
        keyed.put("parameters", config.answerParameters());
        keyed.put("messages", messages);
        return keyed;
    }

    private static String hash(Map<String, Object> keyed) {
        try {
            return Hashing.sha256(Json.MAPPER.writeValueAsString(keyed));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a chat request for its cache key", e);
        }
    }

    /** The stored answer to this request, or one stored before keys held the host. */
    public Optional<ChatResponse> get(LlmConfig config, List<ChatMessage> messages) {
        Optional<ChatResponse> hit = get(key(config, messages));
        return hit.isPresent() ? hit : get(legacyKey(config, messages));
    }

    Optional<ChatResponse> get(String key) {
        Path file = file(key);
        try {
            Entry e = Json.MAPPER.readValue(Files.readAllBytes(file), Entry.class);
            return Optional.of(new ChatResponse(e.content(), e.reasoning(), e.finishReason(), e.promptTokens(), e.completionTokens(), true));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // A damaged entry is a miss; the next answer overwrites it.
            LOG.warn("ignoring unreadable LLM cache entry {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    public void put(LlmConfig config, List<ChatMessage> messages, ChatResponse response) {
        Entry e = new Entry(config.host(), config.model(), config.answerParameters(), response.content(), response.reasoning(),
                response.finishReason(), response.promptTokens(), response.completionTokens());
        AtomicFiles.writeJson(file(key(config, messages)), e);
    }

    Path file(String key) {
        if (!key.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("not a cache key: " + key);
        return dir.resolve(key.substring(0, 2)).resolve(key + ".json");
    }
}
