package dev.rarec.understanding;

import dev.rarec.corpus.Movie;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The genres people ask for, each with the everyday words that name it ("scary" is horror, "cartoon"
 * is animation, "whodunit" is mystery) and the corpus genre labels it matches.
 */
public enum Genre {
    ACTION("Action", "action|action[- ]packed|explosions?|shoot[- ]?em[- ]?ups?|martial arts?|kung[- ]?fu", "action"),
    ADVENTURE("Adventure", "adventures?|adventurous|swashbuckl\\w*|treasure hunts?", "adventure"),
    ANIMATION("Animation", "animated|animations?|cartoons?|anime|pixar|claymation|stop[- ]motion", "anim"),
    BIOGRAPHY("Biography", "biopics?|biography|biographies|biographical", "biograph"),
    COMEDY("Comedy", "comedy|comedies|comedic|funny|funnier|funniest|hilarious|humou?r|humorous|laughs?|laughing|goofy|silly|slapstick|spoofs?|parody|parodies|rom[- ]?coms?|lighthearted|light[- ]hearted|feel[- ]?good|uplifting|cheer me up", "comed"),
    CRIME("Crime", "crime|gangsters?|mafia|mob|mobsters?|heists?|criminals?|organi[sz]ed crime|cartels?|cops?|police", "crime|gangster"),
    DOCUMENTARY("Documentary", "documentary|documentaries|docuseries|docudrama", "document"),
    DRAMA("Drama", "drama|dramas|dramatic|tear[- ]?jerkers?|weepies?|make me cry|a good cry", "drama"),
    FAMILY("Family", "family[- ]friendly|family movies?|family films?|family adventures?|family comed(?:y|ies)|family night|kids|kid[- ]friendly|children|children'?s movies?|whole family|all ages", "famil|child|kid"),
    FANTASY("Fantasy", "fantasy|fantasies|magical|wizards?|dragons?|fairy[- ]?tales?|sword and sorcery", "fantas"),
    FILM_NOIR("Film-Noir", "noir|noirs|film[- ]noir", "noir"),
    HISTORY("History", "historical|history|period pieces?|period dramas?", "histor"),
    HORROR("Horror", "horror|horrors|scary|scarier|scariest|scare me|spooky|creepy|frightening|terrifying|slashers?|gory|gore|haunted|zombies?", "horror"),
    MUSICAL("Musical", "musicals?|sing[- ]?alongs?|song and dance", "musical"),
    MYSTERY("Mystery", "mystery|mysteries|whodunn?its?|detective stor(?:y|ies)|murder myster(?:y|ies)|sleuths?", "myster"),
    ROMANCE("Romance", "romance|romances|romantic|rom[- ]?coms?|love stor(?:y|ies)|chick flicks?|date night", "roman"),
    SCI_FI("Sci-Fi", "sci[- ]?fi|science[- ]fiction|scifi|space operas?|futuristic|cyberpunk|dystopian|dystopias?|time travel|set in space|outer space", "sci|science fiction"),
    SPORT("Sport", "sports?|boxing|football|baseball|basketball|soccer", "sport"),
    THRILLER("Thriller", "thrillers?|suspense|suspenseful|edge of my seat|nail[- ]?biters?", "thrill|suspense"),
    WAR("War", "war|wars|wwii|ww2|world war|military|soldiers?", "\\bwar\\b"),
    WESTERN("Western", "westerns?|cowboys?|wild west|gunslingers?", "western");

    private final String label;
    private final Pattern words;
    private final Pattern labels;

    Genre(String label, String words, String labels) {
        this.label = label;
        this.words = Pattern.compile("\\b(?:" + words + ")\\b");
        this.labels = Pattern.compile(labels);
    }

    /** The genre's name as the corpus writes it, e.g. {@code Sci-Fi}. */
    public String label() {
        return label;
    }

    /** The name people read in a sentence: "sci-fi", "film noir". */
    public String noun() {
        return this == FILM_NOIR ? "film noir" : label.toLowerCase(Locale.ROOT);
    }

    /** The words that name this genre in lower-case text. */
    Pattern words() {
        return words;
    }

    /** Whether a corpus genre label ("Science Fiction", "Sci-Fi", "Romantic Comedy") belongs to this genre. */
    public boolean matchesLabel(String genreLabel) {
        return labels.matcher(genreLabel.toLowerCase(Locale.ROOT)).find();
    }

    /** Whether the movie's genres include this one. */
    public boolean matches(Movie movie) {
        return (mask(movie) & (1 << ordinal())) != 0;
    }

    /** The genres of a movie, in the order of this enum. */
    public static List<Genre> of(Movie movie) {
        int mask = mask(movie);
        List<Genre> out = new ArrayList<>();
        for (Genre g : values()) if ((mask & (1 << g.ordinal())) != 0) out.add(g);
        return out;
    }

    /** A bit per genre of the movie; labels are few, so each is matched once and remembered. */
    public static int mask(Movie movie) {
        int mask = 0;
        for (String label : movie.genres()) mask |= LABEL_MASKS.computeIfAbsent(label, Genre::labelMask);
        return mask;
    }

    private static final Map<String, Integer> LABEL_MASKS = new ConcurrentHashMap<>();

    private static int labelMask(String label) {
        int mask = 0;
        for (Genre g : values()) if (g.matchesLabel(label)) mask |= 1 << g.ordinal();
        return mask;
    }
}
