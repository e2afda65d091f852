package dev.rarec.corpus;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One spelling per genre across sources ("Comedies", "comedy", "Comedy" → "Comedy"). */
final class Genres {
    private static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("comedies", "Comedy"), Map.entry("dramas", "Drama"), Map.entry("documentaries", "Documentary"),
            Map.entry("thrillers", "Thriller"), Map.entry("sci-fi", "Sci-Fi"), Map.entry("science fiction", "Sci-Fi"),
            Map.entry("scifi", "Sci-Fi"), Map.entry("sci-fi & fantasy", "Sci-Fi"), Map.entry("romantic", "Romance"),
            Map.entry("romantic movies", "Romance"), Map.entry("horror movies", "Horror"), Map.entry("action & adventure", "Action"),
            Map.entry("children & family movies", "Children"), Map.entry("kids", "Children"), Map.entry("family", "Family"),
            Map.entry("musicals", "Musical"), Map.entry("music & musicals", "Musical"), Map.entry("westerns", "Western"),
            Map.entry("war movies", "War"), Map.entry("stand-up comedy", "Comedy"), Map.entry("animated", "Animation"),
            Map.entry("anime features", "Animation"), Map.entry("film-noir", "Film-Noir"), Map.entry("noir", "Film-Noir"),
            Map.entry("independent movies", "Independent"), Map.entry("international movies", "International"),
            Map.entry("cult movies", "Cult"), Map.entry("lgbtq movies", "LGBTQ"), Map.entry("faith & spirituality", "Faith"),
            Map.entry("sports movies", "Sport"), Map.entry("sports", "Sport"), Map.entry("(no genres listed)", ""),
            Map.entry("movies", ""), Map.entry("tv movie", "TV Movie"));

    private Genres() {}

    static List<String> normalise(List<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        for (String g : raw) {
            String s = Titles.collapse(g);
            if (s.isEmpty()) continue;
            String lower = s.toLowerCase(Locale.ROOT);
            String mapped = SYNONYMS.get(lower);
            if (mapped == null) mapped = capitalise(lower);
            if (!mapped.isEmpty()) out.add(mapped);
        }
        return new ArrayList<>(out);
    }

    private static String capitalise(String lower) {
        StringBuilder sb = new StringBuilder(lower.length());
        boolean up = true;
        for (char c : lower.toCharArray()) {
            sb.append(up ? Character.toUpperCase(c) : c);
            up = c == ' ' || c == '-' || c == '/';
        }
        return sb.toString();
    }
}
