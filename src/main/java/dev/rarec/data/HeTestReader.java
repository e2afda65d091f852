package dev.rarec.data;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads the turn-level test samples of He et al. (CIKM'23, "LLMs as zero-shot CRS") for ReDial
 * and INSPIRED: {@code context} (earlier utterances, roles from the {@code input} prompt),
 * {@code rec} (ground-truth entity ids), {@code prev_entity} (entities mentioned earlier). Entity
 * ids are DBpedia URIs through {@code entity2id.json}; {@code item_ids.json} says which are movies.
 * Each sample becomes one {@link CrsExample}; targets already in the history are removed (3.3).
 */
final class HeTestReader {
    static final String OFFICIAL_SOURCE = "https://github.com/AaronHeee/LLMs-as-Zero-Shot-Conversational-RecSys (data/<dataset>/)";

    /** Samples read, as examples, with the conversations (context + the recommender turn) they were cut from. */
    record Samples(List<Conversation> conversations, List<CrsExample> examples) {}

    /** entity id → DBpedia URI, read from entity2id.json(.gz). */
    static Map<Integer, String> entities(Path entity2id) {
        Map<Integer, String> out = new HashMap<>();
        JsonNode root = EntityLinker.readJson(entity2id);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getValue().asInt(), e.getKey());
        }
        return out;
    }

    static Set<Integer> items(Path itemIds) {
        Set<Integer> out = new HashSet<>();
        for (JsonNode n : EntityLinker.readJson(itemIds)) out.add(n.asInt());
        return out;
    }

    /**
     * @param isMovie     whether an entity (as the file writes it: an int id, or an IMDb id for Reddit) is a movie
     * @param link        maps an entity to a corpus id (empty when it cannot be linked)
     * @param describe    how to name an entity in the unlinked sample
     */
    Samples read(Path file, Predicate<JsonNode> isMovie, Function<JsonNode, Optional<Integer>> link,
                 Function<JsonNode, String> describe, LinkCounter counter) {
        List<Conversation> conversations = new ArrayList<>();
        List<CrsExample> examples = new ArrayList<>();
        JsonLines.read(file, "a JSON object", counter, (s, lineNo) -> {
            if ((!s.path("context").isArray() && !s.path("input").isTextual()) || !s.path("rec").isArray()) {
                counter.bad(file.toString(), lineNo, "missing field rec, or both context and input");
                return;
            }
            List<Turn> context = context(s);
            LinkedHashSet<Integer> history = new LinkedHashSet<>();
            for (JsonNode e : s.path("prev_entity")) {
                if (!isMovie.test(e)) continue;
                link.apply(e).ifPresent(c -> {
                    history.remove(c);
                    history.add(c);
                });
            }
            List<Integer> targets = new ArrayList<>();
            List<Integer> recommended = new ArrayList<>();
            for (JsonNode e : s.path("rec")) {
                Optional<Integer> c = counter.count(link.apply(e), describe.apply(e));
                if (c.isPresent() && !recommended.contains(c.get())) {
                    recommended.add(c.get());
                    if (!history.contains(c.get())) targets.add(c.get());
                }
            }
            String convId = (s.hasNonNull("dialog_id") ? s.path("dialog_id").asText() : file.getFileName() + ":" + lineNo)
                    + (s.hasNonNull("turn_id") ? "#" + s.path("turn_id").asText() : "");
            List<Turn> turns = new ArrayList<>(context);
            turns.add(new Turn(Role.RECOMMENDER, s.path("resp").asText(""), recommended));
            conversations.add(new Conversation(convId, turns));
            if (targets.isEmpty()) {
                counter.withoutTargets++;
                return;
            }
            examples.add(new CrsExample(convId, context.size(), context, CrsExamples.history(history), targets));
        });
        return new Samples(conversations, examples);
    }

    /**
     * The context utterances with the roles the sample's {@code input} prompt gives them; when the
     * sample has no {@code context} list, the prompt's lines themselves.
     */
    private static List<Turn> context(JsonNode s) {
        List<String> utterances = new ArrayList<>();
        List<Role> roles = new ArrayList<>();
        List<String> promptTexts = new ArrayList<>();
        String input = s.path("input").asText("");
        for (String l : input.split("\n")) {
            if (l.startsWith("User: ")) {
                roles.add(Role.SEEKER);
                promptTexts.add(l.substring(6));
            } else if (l.startsWith("System: ")) {
                roles.add(Role.RECOMMENDER);
                promptTexts.add(l.substring(8));
            }
        }
        if (!roles.isEmpty() && promptTexts.get(promptTexts.size() - 1).isBlank()) {
            roles.remove(roles.size() - 1);
            promptTexts.remove(promptTexts.size() - 1);
        }
        if (s.path("context").isArray()) {
            for (JsonNode c : s.path("context")) if (!c.asText("").isEmpty()) utterances.add(c.asText());
        } else {
            utterances.addAll(promptTexts);
        }
        boolean aligned = roles.size() == utterances.size();
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < utterances.size(); i++) {
            Role role = aligned ? roles.get(i)
                    : ((utterances.size() - 1 - i) % 2 == 0 ? Role.SEEKER : Role.RECOMMENDER);
            turns.add(new Turn(role, utterances.get(i), List.of()));
        }
        return turns;
    }
}
