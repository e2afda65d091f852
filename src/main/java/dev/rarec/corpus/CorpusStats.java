package dev.rarec.corpus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Size and completeness of a corpus, as {@code rarec corpus stats} prints them.
 *
 * @param movies        number of movies
 * @param yearMin       earliest known year (0 when no movie has one)
 * @param yearMax       latest known year
 * @param completeness  field → fraction of movies that have it (Table 7 fields, and votes &gt; 0)
 * @param sources       source name → number of movies it contributed to
 * @param genres        genre → number of movies that have it; only {@link Genres#VOCABULARY} names occur
 * @param votesMedian   median {@link Movie#votes()} of the movies that have votes (0 when none)
 */
public record CorpusStats(int movies, int yearMin, int yearMax, Map<String, Double> completeness, Map<String, Integer> sources,
                          Map<String, Integer> genres, int votesMedian) {

    public static CorpusStats of(Corpus corpus) {
        int n = corpus.size();
        int yearMin = Integer.MAX_VALUE;
        int yearMax = 0;
        int[] have = new int[8];
        Map<String, Integer> sources = new TreeMap<>();
        Map<String, Integer> genres = new LinkedHashMap<>();
        for (String g : Genres.VOCABULARY) genres.put(g, 0);
        List<Integer> votes = new java.util.ArrayList<>();
        for (Movie m : corpus.movies()) {
            if (m.year() > 0) {
                yearMin = Math.min(yearMin, m.year());
                yearMax = Math.max(yearMax, m.year());
            }
            if (!m.imdbId().isEmpty()) have[0]++;
            if (!m.title().isEmpty()) have[1]++;
            if (m.year() > 0) have[2]++;
            if (!m.genres().isEmpty()) have[3]++;
            if (!m.director().isEmpty()) have[4]++;
            if (!m.cast().isEmpty()) have[5]++;
            if (!m.plot().isEmpty()) have[6]++;
            if (m.votes() > 0) {
                have[7]++;
                votes.add(m.votes());
            }
            for (String s : m.sources()) sources.merge(s, 1, Integer::sum);
            for (String g : m.genres()) genres.merge(g, 1, Integer::sum);
        }
        Map<String, Double> completeness = new LinkedHashMap<>();
        List<String> fields = List.of("imdbId", "title", "year", "genres", "director", "cast", "plot", "votes");
        for (int i = 0; i < fields.size(); i++) completeness.put(fields.get(i), n == 0 ? 0.0 : have[i] / (double) n);
        votes.sort(null);
        return new CorpusStats(n, yearMin == Integer.MAX_VALUE ? 0 : yearMin, yearMax, completeness, sources, genres,
                votes.isEmpty() ? 0 : votes.get(votes.size() / 2));
    }
}
