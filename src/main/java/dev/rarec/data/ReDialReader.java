package dev.rarec.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rarec.corpus.Titles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads ReDial conversations in the original jsonl schema (official test, and the partial train
 * with its {@code _sources} key). Consecutive messages of one sender become one turn; the
 * initiator is the seeker; each {@code @movieId} is replaced by the title as the conversation's
 * {@code movieMentions} writes it (whitespace collapsed) and linked to the corpus.
 */
final class ReDialReader {
    static final String OFFICIAL_SOURCE = "https://redialdata.github.io/website/ (ReDialData/website, test_data)";
    private static final Pattern MENTION = Pattern.compile("@(\\d+)");

    private final EntityLinker linker;

    ReDialReader(EntityLinker linker) {
        this.linker = linker;
    }

    /** Conversations of {@code file} whose JSON record passes {@code keep}. */
    List<Conversation> read(Path file, Predicate<JsonNode> keep, LinkCounter counter) {
        List<Conversation> out = new ArrayList<>();
        JsonLines.read(file, "a JSON object", counter, (node, lineNo) -> {
            if (keep.test(node)) parse(node, file.toString(), lineNo, counter).ifPresent(out::add);
        });
        return out;
    }

    Optional<Conversation> parse(JsonNode node, String file, long lineNo, LinkCounter counter) {
        String id = node.path("conversationId").asText("");
        JsonNode messages = node.path("messages");
        if (id.isEmpty()) {
            counter.bad(file, lineNo, "missing field conversationId");
            return Optional.empty();
        }
        if (!messages.isArray() || messages.isEmpty()) {
            counter.bad(file, lineNo, "conversation " + id + ": field messages is missing or empty");
            return Optional.empty();
        }
        if (!node.path("initiatorWorkerId").canConvertToLong()) {
            counter.bad(file, lineNo, "conversation " + id + ": missing field initiatorWorkerId");
            return Optional.empty();
        }
        long seeker = node.path("initiatorWorkerId").asLong();
        JsonNode titles = node.path("movieMentions");
        List<Turn> turns = new ArrayList<>();
        Role current = null;
        StringBuilder text = new StringBuilder();
        LinkedHashSet<Integer> items = new LinkedHashSet<>();
        for (JsonNode msg : messages) {
            if (!msg.path("senderWorkerId").canConvertToLong()) {
                counter.bad(file, lineNo, "conversation " + id + ": a message without senderWorkerId");
                return Optional.empty();
            }
            Role role = msg.path("senderWorkerId").asLong() == seeker ? Role.SEEKER : Role.RECOMMENDER;
            if (current != null && role != current) {
                turns.add(new Turn(current, text.toString(), List.copyOf(items)));
                text.setLength(0);
                items.clear();
            }
            current = role;
            String written = rewrite(msg.path("text").asText(""), titles, items, counter);
            if (!written.isEmpty()) {
                if (text.length() > 0) text.append(' ');
                text.append(written);
            }
        }
        turns.add(new Turn(current, text.toString(), List.copyOf(items)));
        return Optional.of(new Conversation(id, turns));
    }

    /** The message with each @id replaced by its title; linked ids go into {@code items}. */
    private String rewrite(String raw, JsonNode titles, LinkedHashSet<Integer> items, LinkCounter counter) {
        String text = Titles.collapse(raw);
        Matcher m = MENTION.matcher(text);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String movieId = m.group(1);
            String title = Titles.collapse(titles.path(movieId).asText(""));
            if (title.isEmpty()) title = linker.redialName(movieId).orElse("");
            Optional<Integer> link = counter.count(linker.redial(movieId, title), "@" + movieId + " " + title);
            link.ifPresent(items::add);
            if (title.isEmpty()) title = link.map(i -> linker.corpus().get(i).displayTitle()).orElse("@" + movieId);
            sb.append(text, last, m.start()).append(title);
            last = m.end();
        }
        sb.append(text, last, text.length());
        return sb.toString();
    }
}
