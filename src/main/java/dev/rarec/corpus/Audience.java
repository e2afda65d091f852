package dev.rarec.corpus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How many people know each movie: its IMDb-vote equivalent ({@link Movie#votes()}) where an audience count
 * covers it, else an estimate from the catalogues that list it.
 *
 * <p>The audience counts end around 2018 (ml-latest-small, TMDB and IMDB 5000), so without an estimate every
 * newer film looks unknown, and "Parasite" would be the 1982 horror film rather than the 2019 one. A
 * catalogue's estimate is the lower quartile of the votes of the movies it lists that do have counts (a
 * cautious guess: a listed movie is at least as known as a quarter of its catalogue); a movie gets the best
 * estimate among the catalogues listing it. Only catalogues of films people watch and talk about count, never
 * the ReDial or INSPIRED lists, whose movies are the answers of the evaluations.
 */
public final class Audience {
    static final Set<String> CATALOGUES = Set.of("reddit", "reddit-v2", "wikipedia", "tmdb5000", "imdb5000",
            "netflix", "amazon", "disney");

    private final double[] votes;

    private Audience(double[] votes) {
        this.votes = votes;
    }

    public static Audience of(Corpus corpus) {
        Map<String, List<Integer>> counted = new HashMap<>();
        for (Movie m : corpus.movies()) {
            if (m.votes() <= 0) continue;
            for (String s : m.sources()) if (CATALOGUES.contains(s)) counted.computeIfAbsent(s, k -> new ArrayList<>()).add(m.votes());
        }
        Map<String, Integer> estimate = new HashMap<>();
        counted.forEach((source, v) -> {
            v.sort(null);
            estimate.put(source, v.get(v.size() / 4));
        });
        double[] votes = new double[corpus.size()];
        for (Movie m : corpus.movies()) {
            double v = m.votes();
            if (v <= 0) for (String s : m.sources()) v = Math.max(v, estimate.getOrDefault(s, 0));
            votes[m.id()] = v;
        }
        return new Audience(votes);
    }

    /** The movie's IMDb-vote equivalent, counted or estimated; 0 when nothing says. */
    public double votes(int id) {
        return votes[id];
    }

    /** {@code ln(1 + votes)}: popularity on the scale people perceive it. */
    public double logVotes(int id) {
        return Math.log1p(votes[id]);
    }
}
