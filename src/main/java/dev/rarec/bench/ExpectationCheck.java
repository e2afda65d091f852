package dev.rarec.bench;

import dev.rarec.bench.ConversationSuite.Expectation;
import dev.rarec.bench.ConversationSuite.Film;
import dev.rarec.bench.ConversationSuite.NamedFilm;

import java.util.ArrayList;
import java.util.List;

/**
 * Tests one recommended film against a conversation's expectations, and one named film against the history
 * the system resolved. Pure functions of metadata, so that every figure of the bench can be recomputed by hand.
 */
final class ExpectationCheck {
    /** The constraints a slot can fail, in report order. */
    static final List<String> CONSTRAINTS = List.of("years", "genresAny", "genresAll", "genresNone", "person", "notNamed");

    private ExpectationCheck() {}

    /** The constraints of {@code e} that {@code film} fails, empty when it satisfies all of them. */
    static List<String> failures(Expectation e, FilmFacts film) {
        List<String> failed = new ArrayList<>();
        if (e.years() != null && !e.years().contains(film.year())) failed.add("years");
        if (!e.genresAny().isEmpty() && e.genresAny().stream().noneMatch(f -> GenreFamilies.matches(film.genres(), f))) {
            failed.add("genresAny");
        }
        if (!e.genresAll().stream().allMatch(f -> GenreFamilies.matches(film.genres(), f))) failed.add("genresAll");
        // A film without genre labels passes an exclusion: nothing says it is what the user ruled out.
        if (e.genresNone().stream().anyMatch(f -> GenreFamilies.matches(film.genres(), f))) failed.add("genresNone");
        if (e.person() != null && !involves(film, e.person())) failed.add("person");
        if (e.neverRecommend().stream().anyMatch(ref -> sameFilm(film, ref))) failed.add("notNamed");
        return failed;
    }

    /** The constraints {@code e} states, a subset of {@link #CONSTRAINTS}. */
    static List<String> stated(Expectation e) {
        List<String> s = new ArrayList<>();
        if (e.years() != null) s.add("years");
        if (!e.genresAny().isEmpty()) s.add("genresAny");
        if (!e.genresAll().isEmpty()) s.add("genresAll");
        if (!e.genresNone().isEmpty()) s.add("genresNone");
        if (e.person() != null) s.add("person");
        if (!e.neverRecommend().isEmpty()) s.add("notNamed");
        return s;
    }

    /** Whether {@code person} (a full name) directed {@code film} or is in its cast; case and accents do not matter. */
    static boolean involves(FilmFacts film, String person) {
        String p = Words.of(person);
        return film.directors().stream().anyMatch(d -> Words.of(d).equals(p)) || film.cast().stream().anyMatch(c -> Words.of(c).equals(p));
    }

    /**
     * Whether {@code film} is {@code ref}: the same IMDb id when both have one; otherwise (a second corpus entry
     * without an id, such as "Marvel Studios' The Avengers") a year within one and the same title, up to a leading
     * article or a leading studio name.
     */
    static boolean sameFilm(FilmFacts film, Film ref) {
        if (!film.imdbId().isEmpty() && ref.hasImdbId()) return film.imdbId().equals(ref.imdbId());
        if (film.year() <= 0 || ref.year() <= 0 || Math.abs(film.year() - ref.year()) > 1) return false;
        String a = title(film.title());
        String b = title(ref.title());
        return !a.isEmpty() && !b.isEmpty() && (a.equals(b) || a.endsWith(" " + b) || b.endsWith(" " + a));
    }

    private static String title(String t) {
        return Words.of(t).replaceFirst("^(the|a|an) ", "");
    }

    /**
     * Whether the history resolved {@code named} to the film the user meant: its IMDb id is there and none of the
     * wrong readings is. A disliked film counts when it is there, whatever opinion the history gives it.
     */
    static boolean resolved(NamedFilm named, List<ApiAnswer.HistoryEntry> history) {
        boolean found = history.stream().anyMatch(h -> h.imdbId().equals(named.imdbId()));
        boolean wrong = history.stream().anyMatch(h -> named.notImdbIds().contains(h.imdbId()));
        return found && !wrong;
    }

    /** Whether an assistant's suggestion the user never took up stays out of the history, or is there only as disliked. */
    static boolean keptOut(Film suggestion, List<ApiAnswer.HistoryEntry> history) {
        return history.stream().noneMatch(h -> h.imdbId().equals(suggestion.imdbId()) && !"disliked".equals(h.opinion()));
    }
}
