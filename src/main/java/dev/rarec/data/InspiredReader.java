package dev.rarec.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rarec.corpus.Csv;
import dev.rarec.corpus.Titles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads INSPIRED dialogues: the original TSV (one utterance per row, titles in the {@code movies}
 * column separated by ";") and the UniCRS jsonl (one dialogue per line, a JSON array of turns with
 * {@code movie} titles). Consecutive utterances of one speaker become one turn.
 */
final class InspiredReader {
    static final String OFFICIAL_SOURCE = "https://github.com/sweetpeach/Inspired (data/dialog_data); UniCRS format: https://github.com/wxl1999/UniCRS (data/inspired)";

    private final EntityLinker linker;

    InspiredReader(EntityLinker linker) {
        this.linker = linker;
    }

    List<Conversation> readTsv(Path file, LinkCounter counter) {
        List<Conversation> out = new ArrayList<>();
        try (Csv csv = Csv.openTsv(file, true)) {
            for (String col : List.of("dialog_id", "speaker", "text", "movies")) {
                if (!csv.header().contains(col)) throw new IllegalStateException(file + ": header lacks column " + col);
            }
            String dialog = null;
            TurnBuilder turns = null;
            for (Optional<Csv.Row> r = csv.next(); r.isPresent(); r = csv.next()) {
                Csv.Row row = r.get();
                String id = row.get("dialog_id").strip();
                Optional<Role> role = role(row.get("speaker"));
                if (id.isEmpty() || role.isEmpty()) {
                    counter.bad(file.toString(), row.line(), "dialog_id empty or speaker '" + row.get("speaker") + "' is neither SEEKER nor RECOMMENDER");
                    continue;
                }
                if (!id.equals(dialog)) {
                    if (turns != null) out.add(turns.build(dialog));
                    dialog = id;
                    turns = new TurnBuilder();
                }
                List<Integer> items = new ArrayList<>();
                for (String t : row.get("movies").split(";")) {
                    String title = Titles.collapse(t);
                    if (title.isEmpty()) continue;
                    counter.count(linker.title(title), title).ifPresent(items::add);
                }
                turns.add(role.get(), Titles.collapse(row.get("text")), items);
            }
            if (turns != null) out.add(turns.build(dialog));
        }
        return out;
    }

    List<Conversation> readUniCrs(Path file, String idPrefix, LinkCounter counter) {
        List<Conversation> out = new ArrayList<>();
        JsonLines.read(file, "a JSON array of turns", counter, (dialog, lineNo) -> {
            if (!dialog.isArray() || dialog.isEmpty()) {
                counter.bad(file.toString(), lineNo, "expected a non-empty JSON array of turns");
                return;
            }
            TurnBuilder turns = new TurnBuilder();
            boolean ok = true;
            for (JsonNode turn : dialog) {
                Optional<Role> role = role(turn.path("role").asText(""));
                if (role.isEmpty()) {
                    counter.bad(file.toString(), lineNo, "field role '" + turn.path("role").asText("") + "' is neither SEEKER nor RECOMMENDER");
                    ok = false;
                    break;
                }
                List<Integer> items = new ArrayList<>();
                for (JsonNode t : turn.path("movie")) {
                    String title = Titles.collapse(t.asText(""));
                    if (!title.isEmpty()) counter.count(linker.title(title), title).ifPresent(items::add);
                }
                turns.add(role.get(), Titles.collapse(turn.path("text").asText("")), items);
            }
            if (ok) out.add(turns.build(idPrefix + (lineNo - 1)));
        });
        return out;
    }

    private static Optional<Role> role(String speaker) {
        return switch (speaker.strip().toUpperCase(Locale.ROOT)) {
            case "SEEKER", "USER" -> Optional.of(Role.SEEKER);
            case "RECOMMENDER", "SYSTEM" -> Optional.of(Role.RECOMMENDER);
            default -> Optional.empty();
        };
    }

    /** Merges consecutive utterances of one speaker into a turn. */
    static final class TurnBuilder {
        private final List<Turn> turns = new ArrayList<>();
        private Role role;
        private final StringBuilder text = new StringBuilder();
        private final LinkedHashSet<Integer> items = new LinkedHashSet<>();

        void add(Role r, String utterance, List<Integer> mentioned) {
            if (role != null && r != role) flush();
            role = r;
            if (!utterance.isEmpty()) {
                if (text.length() > 0) text.append(' ');
                text.append(utterance);
            }
            items.addAll(mentioned);
        }

        private void flush() {
            turns.add(new Turn(role, text.toString(), List.copyOf(items)));
            text.setLength(0);
            items.clear();
        }

        Conversation build(String id) {
            if (role != null) flush();
            role = null;
            return new Conversation(id, turns);
        }
    }
}
