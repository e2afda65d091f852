package dev.rarec.understanding;

import dev.rarec.corpus.Movie;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a request asks of the movies to recommend: release years, genres wanted (all of them) and
 * excluded (any of them), people wanted (any of them) and excluded. Empty sets and {@link YearRange#ANY}
 * ask nothing.
 *
 * @param years          the release years allowed
 * @param genres         genres a recommendation should have
 * @param excludedGenres genres a recommendation must not have
 * @param people         people (director or cast, as the corpus spells them) a recommendation should have
 * @param excludedPeople people a recommendation must not have
 */
public record Constraints(YearRange years, Set<Genre> genres, Set<Genre> excludedGenres,
                          Set<String> people, Set<String> excludedPeople) {
    public static final Constraints NONE = new Constraints(YearRange.ANY, Set.of(), Set.of(), Set.of(), Set.of());

    public Constraints {
        genres = genres.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(genres));
        excludedGenres = excludedGenres.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(excludedGenres));
        people = Set.copyOf(people);
        excludedPeople = Set.copyOf(excludedPeople);
    }

    public boolean isEmpty() {
        return years.isAny() && genres.isEmpty() && excludedGenres.isEmpty() && people.isEmpty() && excludedPeople.isEmpty();
    }

    /**
     * A later request on top of this one: what the later one states replaces what this one stated
     * about the same thing ("actually, make it 80s"), the rest carries over; a genre wanted later is no
     * longer excluded and vice versa.
     */
    public Constraints then(Constraints later) {
        YearRange y = later.years.isAny() ? years : later.years;
        Set<Genre> wanted = later.genres.isEmpty() ? new LinkedHashSet<>(genres) : new LinkedHashSet<>(later.genres);
        Set<Genre> excluded = new LinkedHashSet<>(excludedGenres);
        excluded.removeAll(later.genres);
        excluded.addAll(later.excludedGenres);
        wanted.removeAll(later.excludedGenres);
        Set<String> who = later.people.isEmpty() ? new LinkedHashSet<>(people) : new LinkedHashSet<>(later.people);
        Set<String> notWho = new LinkedHashSet<>(excludedPeople);
        notWho.removeAll(later.people);
        notWho.addAll(later.excludedPeople);
        who.removeAll(later.excludedPeople);
        return new Constraints(y, wanted, excluded, who, notWho);
    }

    /** Whether the movie breaks a hard rule: a year outside the range, an excluded genre or person. */
    public boolean excludes(Movie m) {
        if (!years.contains(m.year())) return true;
        for (Genre g : excludedGenres) if (g.matches(m)) return true;
        for (String p : excludedPeople) if (features(m, p)) return true;
        return false;
    }

    /** Whether the movie has every wanted genre and, when people are wanted, one of them. */
    public boolean fulfils(Movie m) {
        for (Genre g : genres) if (!g.matches(m)) return false;
        if (people.isEmpty()) return true;
        for (String p : people) if (features(m, p)) return true;
        return false;
    }

    /** Whether the person directed the movie or is in its cast. */
    public static boolean features(Movie m, String person) {
        for (String d : m.director().split(",")) if (d.strip().equalsIgnoreCase(person)) return true;
        for (String c : m.cast()) if (c.equalsIgnoreCase(person)) return true;
        return false;
    }

    /** The wanted people this movie has, in the request's order. */
    public List<String> peopleIn(Movie m) {
        List<String> out = new ArrayList<>();
        for (String p : people) if (features(m, p)) out.add(p);
        return out;
    }
}
