package dev.rarec.corpus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The corpus' one genre vocabulary: the 22 story genres of IMDb (without its TV and format labels
 * such as Short, Reality-TV, Talk-Show), which MovieLens, TMDB and the ReDial metadata already
 * share. Every label a source uses maps to zero or more of them: "Romantic Comedy" → Romance +
 * Comedy, "Children & Family Movies" → Family, "Suspense" → Thriller. Catalogue shelves that say
 * where or how a film is sold rather than what it is ("International Movies", "Independent",
 * "Cult Movies", "LGBTQ", "TV Movie", "Silent", "Short", "IMAX", "Arts, Entertainment, and
 * Culture") map to nothing, so that a user asking for a genre is never answered with a shelf.
 */
public final class Genres {
    /** The vocabulary, in the order genres are shown. */
    public static final List<String> VOCABULARY = List.of("Action", "Adventure", "Animation", "Biography", "Comedy", "Crime",
            "Documentary", "Drama", "Family", "Fantasy", "Film-Noir", "History", "Horror", "Music", "Musical", "Mystery",
            "Romance", "Sci-Fi", "Sport", "Thriller", "War", "Western");

    /** Amazon's one label with commas in it (a shelf, not a genre), removed before its genre field is split at commas. */
    static final String ARTS = "Arts, Entertainment, and Culture";

    /** Lower-case source label → canonical genres ("" = deliberately none). Vocabulary names map to themselves. */
    private static final Map<String, List<String>> LABELS = labels(
            // plural shelves and spellings of the vocabulary
            "comedies=Comedy", "dramas=Drama", "documentaries=Documentary", "thrillers=Thriller", "horror movies=Horror",
            "romantic movies=Romance", "sports movies=Sport", "sports=Sport", "science fiction=Sci-Fi", "animated=Animation",
            "biographical=Biography", "historical=History", "noir=Film-Noir", "suspense=Thriller", "children=Family",
            "children's=Family", "kids=Family", "kids' tv=Family", "children & family movies=Family", "military and war=War",
            // labels that name two genres
            "action & adventure=Action|Adventure", "action-adventure=Action|Adventure", "sci-fi & fantasy=Sci-Fi|Fantasy",
            "romantic comedy=Romance|Comedy", "tv action & adventure=Action|Adventure", "tv sci-fi & fantasy=Sci-Fi|Fantasy",
            // subgenres and moods folded into their genre
            "anime=Animation", "anime features=Animation", "anime series=Animation", "stand-up comedy=Comedy",
            "stand-up comedy & talk shows=Comedy", "parody=Comedy", "satire=Comedy", "buddy=Comedy", "slasher=Horror",
            "found footage=Horror", "spy=Thriller", "spy/espionage=Thriller", "martial arts=Action", "superhero=Action",
            "disaster=Action", "supernatural=Fantasy", "survival=Adventure", "coming of age=Drama", "legal=Drama", "medical=Drama",
            "music & musicals=Music", "music videos and concerts=Music", "concert film=Music", "performance=Music", "dance=Music",
            "animals & nature=Documentary", "docuseries=Documentary", "science & nature tv=Documentary", "news=Documentary",
            // Netflix tags some films with its TV shelves; the genre part still says what the film is
            "tv comedies=Comedy", "tv dramas=Drama", "tv horror=Horror", "tv mysteries=Mystery", "tv thrillers=Thriller",
            "crime tv shows=Crime", "romantic tv shows=Romance",
            // shelves, formats, audiences and markets: not genres
            "international=", "international movies=", "international tv shows=", "british tv shows=", "korean tv shows=",
            "spanish-language tv shows=", "foreign=", "independent=", "independent movies=", "indie=", "cult movies=",
            "classic movies=", "classic & cult tv=", "lgbtq=", "lgbtq movies=", "faith & spirituality=", "faith and spirituality=",
            "tv movie=", "tv shows=", "teen tv shows=", "movies=", "silent=", "short=", "imax=", "arthouse=", "erotic=",
            "political=", "teen=", "live action=", "anthology=", "young adult audience=", "special interest=", "fitness=",
            "lifestyle=", "variety=", "unscripted=", "reality=", "reality tv=", "reality-tv=", "talk show and variety=",
            "talk-show=", "game-show=", "(no genres listed)=", "unknown=",
            // CRB-CRS metadata: one genre field with a title spliced into "Action"
            "acthe lego batman movietion=Action");

    private Genres() {}

    /** The canonical genres of source labels, vocabulary order, no repeats; unknown labels are dropped. */
    static List<String> normalise(List<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        for (String label : raw) out.addAll(canonical(label));
        List<String> sorted = new ArrayList<>(out);
        sorted.sort((a, b) -> Integer.compare(VOCABULARY.indexOf(a), VOCABULARY.indexOf(b)));
        return sorted;
    }

    /** The canonical genres of one source label; empty for labels that are not genres. */
    static List<String> canonical(String label) {
        List<String> mapped = LABELS.get(Titles.collapse(label).toLowerCase(Locale.ROOT));
        return mapped == null ? List.of() : mapped;
    }

    /** Whether a label is in the mapping table (a vocabulary name, a synonym or a deliberately dropped label). */
    static boolean known(String label) {
        String s = Titles.collapse(label);
        return s.isEmpty() || LABELS.containsKey(s.toLowerCase(Locale.ROOT));
    }

    private static Map<String, List<String>> labels(String... entries) {
        Map<String, List<String>> m = new HashMap<>();
        for (String g : VOCABULARY) m.put(g.toLowerCase(Locale.ROOT), List.of(g));
        for (String e : entries) {
            int eq = e.lastIndexOf('=');
            String genres = e.substring(eq + 1);
            List<String> to = genres.isEmpty() ? List.of() : List.of(genres.split("\\|"));
            if (!VOCABULARY.containsAll(to)) throw new IllegalStateException("genre mapping outside the vocabulary: " + e);
            if (m.put(e.substring(0, eq), to) != null) throw new IllegalStateException("genre label mapped twice: " + e);
        }
        return Map.copyOf(m);
    }
}
