package dev.rarec.serve;

import dev.rarec.generator.ConversationRecommender.InvalidConversation;
import dev.rarec.generator.ConversationRecommender.Message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a conversation written by a person or a program, in one of two forms:
 * <ul>
 *   <li>JSON, the API's request body: {@code {"messages":[{"role":"user","content":"..."}]}};</li>
 *   <li>plain lines {@code user: ...} / {@code assistant: ...}; a line without a prefix continues the
 *       message above it, blank lines and lines starting with {@code #} are skipped.</li>
 * </ul>
 * Errors name the source and line: {@code conv.txt line 3: ...}.
 */
public final class ConversationReader {
    private static final Pattern PREFIX = Pattern.compile("^\\s*(user|assistant)\\s*:\\s?(.*)$", Pattern.CASE_INSENSITIVE);

    private ConversationReader() {}

    public static List<Message> read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read conversation file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param source how errors name where the text came from, e.g. a file name or {@code <stdin>}
     * @throws InvalidConversation naming source, line and field
     */
    public static List<Message> parse(String text, String source) {
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            throw new InvalidConversation("messages", source + ": the conversation is empty");
        }
        return stripped.startsWith("{") ? json(text, source) : lines(text, source);
    }

    private static List<Message> json(String text, String source) {
        try {
            return MessagesJson.parse(text, Integer.MAX_VALUE, Integer.MAX_VALUE).messages();
        } catch (RequestError e) {
            String where = e.line() > 0 ? source + " line " + e.line() : source;
            throw new InvalidConversation(e.field(), where + " (" + e.field() + "): " + e.getMessage());
        }
    }

    private static List<Message> lines(String text, String source) {
        List<Message> messages = new ArrayList<>();
        StringBuilder content = null;
        String role = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.strip().startsWith("#")) continue;
            Matcher m = PREFIX.matcher(line);
            if (m.matches()) {
                if (role != null) messages.add(Message.of(role, content.toString().strip()));
                role = m.group(1).toLowerCase(Locale.ROOT);
                content = new StringBuilder(m.group(2));
            } else if (role == null) {
                throw new InvalidConversation("messages", source + " line " + (i + 1)
                        + ": expected a line starting with \"user:\" or \"assistant:\" (or a JSON object), got \""
                        + abbreviate(line.strip()) + "\"");
            } else {
                content.append('\n').append(line.strip());
            }
        }
        if (role != null) messages.add(Message.of(role, content.toString().strip()));
        return messages;
    }

    private static String abbreviate(String s) {
        return s.length() <= 50 ? s : s.substring(0, 50) + "…";
    }
}
