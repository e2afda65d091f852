package dev.rarec.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rarec.util.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * The two fields of a {@code POST /v1/recommendations} answer that the suite reads: {@code recommendations}
 * (ranked films with metadata) and {@code history} (the films the conversation named, each perhaps with an
 * {@code opinion}). Other fields are ignored, so the API may grow without breaking the bench.
 */
record ApiAnswer(List<Item> recommendations, List<HistoryEntry> history) {
    ApiAnswer {
        recommendations = List.copyOf(recommendations);
        history = List.copyOf(history);
    }

    /** One recommended film as the API shows it. */
    record Item(int id, String imdbId, String title, Integer year, List<String> genres, String director, List<String> cast) {
        Item {
            imdbId = imdbId == null ? "" : imdbId;
            genres = genres == null ? List.of() : List.copyOf(genres);
            cast = cast == null ? List.of() : List.copyOf(cast);
        }
    }

    /** One film of the history; {@code opinion} is null when the API does not report one. */
    record HistoryEntry(String imdbId, String title, Integer year, String opinion) {
        HistoryEntry {
            imdbId = imdbId == null ? "" : imdbId;
        }

        String display() {
            return (year == null ? title : title + " (" + year + ")") + (imdbId.isEmpty() ? "" : " " + imdbId);
        }
    }

    /**
     * @throws IllegalArgumentException when the body is not JSON or lacks the {@code recommendations} or
     *                                  {@code history} array: the bench is talking to something that is not the API
     */
    static ApiAnswer parse(String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the answer is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode recs = root == null ? null : root.get("recommendations");
        JsonNode hist = root == null ? null : root.get("history");
        if (recs == null || !recs.isArray() || hist == null || !hist.isArray()) {
            throw new IllegalArgumentException("the answer has no \"recommendations\" and \"history\" arrays: "
                    + abbreviate(body));
        }
        List<Item> items = new ArrayList<>();
        for (JsonNode n : recs) items.add(Json.MAPPER.convertValue(n, Item.class));
        List<HistoryEntry> history = new ArrayList<>();
        for (JsonNode n : hist) history.add(Json.MAPPER.convertValue(n, HistoryEntry.class));
        return new ApiAnswer(items, history);
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
