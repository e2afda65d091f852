package dev.rarec.data;

import dev.rarec.corpus.Corpus;
import dev.rarec.util.DataDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * MovieLens sessions for retriever pretraining (appendix A.2): the ml-latest-small ratings of each
 * user sorted by time, cut into sessions wherever two ratings are more than 30 minutes apart,
 * sessions of at least 2 movies kept, then shuffled with the seed and split 8:1:1.
 */
public final class MovieLensSessions {
    /** Session gap of appendix A.2. */
    public static final long GAP_SECONDS = 30 * 60;

    private MovieLensSessions() {}

    public static SequenceSplits load(Path dataDir, Corpus corpus, long seed) {
        Path ratings = DataDir.require(dataDir, "movielens/ml-latest-small/ratings.csv.gz", MovieLens.OFFICIAL_SOURCE);
        Path links = DataDir.require(dataDir, "movielens/ml-latest-small/links.csv", MovieLens.OFFICIAL_SOURCE);
        MovieLens.Read<MovieLens.Rating> read = MovieLens.ratingsCsv(ratings);
        if (!read.malformed().isEmpty()) {
            throw new IllegalStateException(read.malformed().size() + " malformed rating rows, first: " + read.malformed().get(0));
        }
        Map<Integer, Optional<Integer>> itemOf = new LinkedHashMap<>();
        link(dataDir, corpus, links, new LinkCounter()).forEach(itemOf::put);
        EntityLinker linker = Datasets.linker(corpus, dataDir);
        List<int[]> sessions = sessions(read.records(), movie -> itemOf.computeIfAbsent(movie, linker::movieLens));
        return split(sessions, seed);
    }

    /**
     * Corpus id per ml-latest-small movie: through the ml-latest (2023) links first (MovieLens ids
     * are stable across releases and the corpus carries the 2023 IMDb ids), then the 2018 IMDb id,
     * then the title and year of movies.csv.
     */
    private static Map<Integer, Optional<Integer>> link(Path dataDir, Corpus corpus, Path links, LinkCounter counter) {
        EntityLinker linker = Datasets.linker(corpus, dataDir);
        Map<Integer, String> titles = new LinkedHashMap<>();
        Path movies = dataDir.resolve("movielens/ml-latest-small/movies.csv");
        if (java.nio.file.Files.exists(movies)) {
            MovieLens.Read<MovieLens.CatalogueMovie> cat = MovieLens.catalogue(movies);
            for (MovieLens.CatalogueMovie m : cat.records()) titles.put(m.movieId(), m.title() + (m.year() > 0 ? " (" + m.year() + ")" : ""));
            counter.malformed.addAll(cat.malformed());
        }
        MovieLens.Read<Map.Entry<Integer, String>> read = MovieLens.links(links);
        counter.malformed.addAll(read.malformed());
        Map<Integer, Optional<Integer>> out = new LinkedHashMap<>();
        for (Map.Entry<Integer, String> e : read.records()) {
            Optional<Integer> hit = linker.movieLens(e.getKey());
            if (hit.isEmpty()) hit = linker.imdb(e.getValue());
            if (hit.isEmpty() && titles.containsKey(e.getKey())) hit = linker.title(titles.get(e.getKey()));
            out.put(e.getKey(), counter.count(hit, "movieId " + e.getKey() + " " + e.getValue() + " " + titles.getOrDefault(e.getKey(), "")));
        }
        return out;
    }

    /** Links per MovieLens movie of ml-latest-small (for {@code rarec data stats}). */
    public static LinkStats linkStats(Path dataDir, Corpus corpus) {
        Path links = DataDir.require(dataDir, "movielens/ml-latest-small/links.csv", MovieLens.OFFICIAL_SOURCE);
        LinkCounter counter = new LinkCounter();
        link(dataDir, corpus, links, counter);
        return counter.stats();
    }

    /** Per user, time-ordered, cut at gaps over 30 minutes; unlinked movies are skipped; sessions of ≥ 2 items. */
    static List<int[]> sessions(List<MovieLens.Rating> ratings, java.util.function.IntFunction<Optional<Integer>> item) {
        Map<Integer, List<MovieLens.Rating>> byUser = new LinkedHashMap<>();
        for (MovieLens.Rating r : ratings) byUser.computeIfAbsent(r.user(), k -> new ArrayList<>()).add(r);
        List<int[]> out = new ArrayList<>();
        for (List<MovieLens.Rating> events : byUser.values()) {
            events.sort(Comparator.comparingLong(MovieLens.Rating::timestamp));
            List<Integer> session = new ArrayList<>();
            long last = Long.MIN_VALUE;
            for (MovieLens.Rating r : events) {
                if (!session.isEmpty() && r.timestamp() - last > GAP_SECONDS) {
                    if (session.size() >= 2) out.add(toArray(session));
                    session = new ArrayList<>();
                }
                last = r.timestamp();
                item.apply(r.movie()).ifPresent(session::add);
            }
            if (session.size() >= 2) out.add(toArray(session));
        }
        return out;
    }

    /** Seeded shuffle, then 80 % / 10 % / 10 %. */
    static SequenceSplits split(List<int[]> sessions, long seed) {
        List<int[]> shuffled = new ArrayList<>(sessions);
        Collections.shuffle(shuffled, new Random(seed));
        int n = shuffled.size();
        int train = (int) Math.round(n * 0.8);
        int valid = (int) Math.round(n * 0.9);
        return new SequenceSplits(shuffled.subList(0, train), shuffled.subList(train, valid), shuffled.subList(valid, n));
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
