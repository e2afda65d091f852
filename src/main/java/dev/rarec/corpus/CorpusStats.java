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
 * @param completeness  field → fraction of movies that have it (Table 7 fields)
 * @param sources       source name → number of movies it contributed to
 */
public record CorpusStats(int movies, int yearMin, int yearMax, Map<String, Double> completeness, Map<String, Integer> sources) {

    public static CorpusStats of(Corpus corpus) {
        int n = corpus.size();
        int yearMin = Integer.MAX_VALUE;
        int yearMax = 0;
        int[] have = new int[7];
        Map<String, Integer> sources = new TreeMap<>();
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
            for (String s : m.sources()) sources.merge(s, 1, Integer::sum);
        }
        Map<String, Double> completeness = new LinkedHashMap<>();
        List<String> fields = List.of("imdbId", "title", "year", "genres", "director", "cast", "plot");
        for (int i = 0; i < fields.size(); i++) completeness.put(fields.get(i), n == 0 ? 0.0 : have[i] / (double) n);
        return new CorpusStats(n, yearMin == Integer.MAX_VALUE ? 0 : yearMin, yearMax, completeness, sources);
    }
}
