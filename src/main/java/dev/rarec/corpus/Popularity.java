package dev.rarec.corpus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A movie's popularity as one number, {@link Movie#votes()}: how many IMDb votes its audience
 * counts would amount to. IMDB 5000's {@code num_voted_users} are IMDb votes and are taken as
 * they are. Every other count (TMDB 5000 {@code vote_count}, ratings in ml-latest-small and ml-100k,
 * interactions in the ml-1m sequences) is scaled by a factor calibrated
 * on the movies that have both: {@code factor = exp(median(ln(imdbVotes / count)))}. A movie
 * without IMDb votes gets the geometric mean of its scaled counts, rounded, at least 1.
 * A source whose overlap with IMDB 5000 is below {@link #MIN_OVERLAP} movies is not used, since
 * its factor would be a guess.
 */
public final class Popularity {
    /** The source whose counts are IMDb votes. */
    static final String ANCHOR = "imdb5000";
    static final int MIN_OVERLAP = 30;

    private final Map<String, Double> factors;

    private Popularity(Map<String, Double> factors) {
        this.factors = Map.copyOf(factors);
    }

    /** Calibrates every source on the movies it shares with the anchor; {@code audiences} holds source → count per movie. */
    static Popularity calibrate(List<Map<String, Integer>> audiences) {
        Map<String, List<Double>> logRatios = new HashMap<>();
        for (Map<String, Integer> a : audiences) {
            Integer anchor = a.get(ANCHOR);
            if (anchor == null) continue;
            for (Map.Entry<String, Integer> e : a.entrySet()) {
                if (e.getKey().equals(ANCHOR)) continue;
                logRatios.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(Math.log(anchor / (double) e.getValue()));
            }
        }
        Map<String, Double> factors = new TreeMap<>();
        factors.put(ANCHOR, 1.0);
        logRatios.forEach((source, r) -> {
            if (r.size() >= MIN_OVERLAP) factors.put(source, Math.exp(median(r)));
        });
        return new Popularity(factors);
    }

    /** Source → factor that turns its counts into IMDb votes (the anchor's is 1). */
    Map<String, Double> factors() {
        return factors;
    }

    /** The IMDb-vote equivalent of one movie's counts (source → count, counts > 0); 0 when no calibrated source counts it. */
    int votes(Map<String, Integer> audience) {
        Integer anchor = audience.get(ANCHOR);
        if (anchor != null) return anchor;
        double logSum = 0;
        int n = 0;
        for (Map.Entry<String, Integer> e : audience.entrySet()) {
            Double f = factors.get(e.getKey());
            if (f == null) continue;
            logSum += Math.log(f * e.getValue());
            n++;
        }
        if (n == 0) return 0;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(Math.exp(logSum / n))));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
