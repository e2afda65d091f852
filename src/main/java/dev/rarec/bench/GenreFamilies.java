package dev.rarec.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Genre families: what a person means by a genre, matched leniently against whatever labels the corpus
 * uses, so that the suite does not depend on one label spelling ("Sci-Fi", "Science Fiction", "SciFi" are all
 * {@code scifi}; "Children", "Kids' TV" and "Family" are all {@code family}). A label belongs to a family
 * when one of the family's words appears in it as whole words.
 */
final class GenreFamilies {
    private static final Map<String, List<String>> WORDS = new LinkedHashMap<>();

    static {
        WORDS.put("action", List.of("action", "martial arts", "superhero"));
        WORDS.put("adventure", List.of("adventure"));
        WORDS.put("animation", List.of("animation", "animated", "anime", "cartoon", "cartoons"));
        WORDS.put("biography", List.of("biography", "biographical", "biopic"));
        WORDS.put("comedy", List.of("comedy", "comedies", "satire", "parody", "sitcom"));
        WORDS.put("crime", List.of("crime", "gangster", "heist", "mafia"));
        WORDS.put("documentary", List.of("documentary", "documentaries", "docuseries", "docudrama"));
        WORDS.put("drama", List.of("drama", "dramas"));
        WORDS.put("family", List.of("family", "children", "childrens", "kids", "kid"));
        WORDS.put("fantasy", List.of("fantasy"));
        WORDS.put("history", List.of("history", "historical"));
        WORDS.put("horror", List.of("horror", "slasher", "splatter", "zombie"));
        WORDS.put("musical", List.of("musical", "musicals"));
        WORDS.put("mystery", List.of("mystery", "mysteries", "whodunit", "detective"));
        WORDS.put("noir", List.of("noir"));
        WORDS.put("romance", List.of("romance", "romantic"));
        WORDS.put("scifi", List.of("sci fi", "scifi", "science fiction"));
        WORDS.put("sport", List.of("sport", "sports"));
        WORDS.put("thriller", List.of("thriller", "thrillers", "suspense"));
        WORDS.put("war", List.of("war", "military"));
        WORDS.put("western", List.of("western", "westerns"));
    }

    private GenreFamilies() {}

    static boolean isFamily(String name) {
        return WORDS.containsKey(name);
    }

    static String names() {
        return String.join(", ", WORDS.keySet());
    }

    /** Whether any of {@code labels} belongs to {@code family}. */
    static boolean matches(List<String> labels, String family) {
        List<String> words = WORDS.get(family);
        if (words == null) throw new IllegalArgumentException("unknown genre family \"" + family + "\"");
        for (String label : labels) {
            String padded = " " + Words.of(label) + " ";
            for (String w : words) {
                if (padded.contains(" " + w + " ")) return true;
            }
        }
        return false;
    }
}
