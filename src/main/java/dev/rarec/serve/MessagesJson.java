package dev.rarec.serve;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rarec.generator.ConversationRecommender.InvalidConversation;
import dev.rarec.generator.ConversationRecommender.Message;
import dev.rarec.util.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads {@code {"messages":[{"role","content"}], "k"?, "generator"?}} with a streaming parser, so that
 * every error names the field and the line where it starts, and a limit stops reading early instead
 * of after a huge array was materialised. Unknown fields are ignored, like everywhere in rarec.
 */
final class MessagesJson {
    private MessagesJson() {}

    /** A parsed body; {@code k} and {@code generator} are empty when absent. */
    record Parsed(List<Message> messages, OptionalInt k, Optional<String> generator) {}

    static Parsed parse(String text, int maxMessages, int maxMessageChars) {
        try (JsonParser p = Json.MAPPER.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) throw new RequestError("body", 1, "the body is empty: send {\"messages\":[{\"role\":\"user\",\"content\":\"...\"}]}");
            if (t != JsonToken.START_OBJECT) {
                throw new RequestError("body", line(p), "the body must be a JSON object {\"messages\": [...]}, got " + describe(t));
            }
            List<Message> messages = null;
            OptionalInt k = OptionalInt.empty();
            Optional<String> generator = Optional.empty();
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                t = p.nextToken();
                int line = line(p);
                if (t == JsonToken.VALUE_NULL && !name.equals("messages")) continue; // an optional field sent as null is absent
                switch (name) {
                    case "messages" -> messages = messages(p, t, maxMessages, maxMessageChars);
                    case "k" -> k = OptionalInt.of(k(p.readValueAsTree(), line));
                    case "generator" -> {
                        JsonNode n = p.readValueAsTree();
                        if (!n.isTextual() || n.asText().isBlank()) {
                            throw new RequestError("generator", line, "generator must be a non-empty string, got " + describe(n));
                        }
                        generator = Optional.of(n.asText().strip());
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new RequestError("body", line(p), "unexpected content after the JSON object");
            }
            if (messages == null) {
                throw new RequestError("messages", 1, "missing field \"messages\": an array of {\"role\", \"content\"}");
            }
            return new Parsed(messages, k, generator);
        } catch (JsonParseException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            throw new RequestError("body", line, "bad JSON at line " + line + ", column " + column + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RequestError("body", 0, "unreadable JSON: " + e.getMessage());
        }
    }

    private static List<Message> messages(JsonParser p, JsonToken t, int maxMessages, int maxMessageChars) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw new RequestError("messages", line(p), "messages must be an array of {\"role\", \"content\"}, got " + describe(t));
        }
        List<Message> out = new ArrayList<>();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            int i = out.size();
            String field = "messages[" + i + "]";
            int line = line(p);
            if (i >= maxMessages) {
                throw new RequestError(field, line, "too many messages: at most " + maxMessages + " per conversation");
            }
            if (t != JsonToken.START_OBJECT) {
                throw new RequestError(field, line, field + " must be an object {\"role\", \"content\"}, got " + describe(t));
            }
            JsonNode n = p.readValueAsTree();
            JsonNode role = n.get("role");
            JsonNode content = n.get("content");
            if (role == null || !role.isTextual()) {
                throw new RequestError(field + ".role", line, field + ".role must be \"user\" or \"assistant\", got " + describe(role));
            }
            if (content == null || !content.isTextual()) {
                throw new RequestError(field + ".content", line, field + ".content must be a string, got " + describe(content));
            }
            if (content.asText().length() > maxMessageChars) {
                throw new RequestError(field + ".content", line, field + ".content is " + content.asText().length()
                        + " characters long: at most " + maxMessageChars);
            }
            try {
                out.add(Message.of(role.asText(), content.asText()));
            } catch (InvalidConversation e) {
                throw new RequestError(field + ".role", line, field + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static int k(JsonNode n, int line) {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new RequestError("k", line, "k must be an integer, got " + describe(n));
        }
        return n.intValue();
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    private static String describe(JsonToken t) {
        if (t == null) return "nothing";
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }

    private static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) return "nothing";
        if (n.isNull()) return "null";
        if (n.isTextual()) return "the string \"" + abbreviate(n.asText()) + "\"";
        if (n.isNumber()) return "the number " + abbreviate(n.asText());
        if (n.isBoolean()) return "a boolean";
        if (n.isArray()) return "an array";
        return "an object";
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
