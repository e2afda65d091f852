package dev.rarec.data.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rarec.corpus.Csv;
import dev.rarec.corpus.TextFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which ReDial movieId each of Vachonni's ReDOrIds stands for. Vachonni's mention lists number movies
 * by their own scheme (ReDOrId), known only by a "Title: … Genres: …" string, without year; ReDial
 * numbers them by movieId. Two kinds of public evidence link them:
 * <ul>
 *   <li>the title: movies_with_mentions.csv names every ReDial movieId ("Headhunter  (2009)");</li>
 *   <li>the conversations: a LIST csv says which ReDOrIds a conversation (ConvID = ReDial's
 *       conversationId) mentions, and the ReDial copies whose records survive publicly (the "known
 *       conversations") say which movieIds it mentions; the movie a ReDOrId stands for is among the
 *       movieIds of every known conversation it occurs in.</li>
 * </ul>
 * The rules, applied to each ReDOrId on its own (no ReDOrId's match depends on another's):
 * <ol>
 *   <li>The title candidates are the movieIds whose name, without its trailing "(year)" and outer
 *       spaces, equals the ReDOrId's title ignoring case (the .npy writes some titles in lower case,
 *       "hostiles" for "Hostiles  (2017)"; years are dropped because the .npy has none).</li>
 *   <li>Without known conversations, a single candidate is taken ({@code title}); several are
 *       remakes or duplicate entries nothing decides between, so the ReDOrId stays {@code unmapped}.</li>
 *   <li>With known conversations, the evidence is the movieIds mentioned in all of them. Candidates
 *       within it are confirmed ({@code title+conv}), which also decides most ambiguous titles (which
 *       "Cinderella" was talked about). If several candidates are mentioned in every one of those
 *       conversations (both ReDial entries of "Burlesque (2010)", "Back to the Future" with and without
 *       year), the lowest movieId is taken, as the reference did, so the choice is deterministic.</li>
 *   <li>If no candidate is within the evidence (the title is spelt differently, often mis-encoded as in
 *       "Les MisÃ©rables", or names another film: "Mother" is "Mother! (2017)"), the evidence alone
 *       decides when it is a single movieId ({@code conv}); otherwise {@code unmapped}.</li>
 * </ol>
 * On the pinned originals this reproduces the reference index exactly (3,093 {@code title}, 3,439
 * {@code title+conv}, 11 {@code conv}, 470 {@code unmapped}).
 */
final class RedorIdMatching {
    private static final String TITLE_PREFIX = "Title: ";
    private static final String GENRES_SEPARATOR = ".  Genres: ";

    /** How a ReDOrId got its movieId: the layout's {@code mapping_method} column. */
    enum Method {
        TITLE("title"), TITLE_AND_CONV("title+conv"), CONV("conv"), UNMAPPED("unmapped");

        private final String column;

        Method(String column) {
            this.column = column;
        }

        String column() {
            return column;
        }
    }

    /** One ReDOrId's ReDial movieId ({@code ""} when unmapped) and how it was found. */
    record Match(String movieId, Method method) {
        static final Match NONE = new Match("", Method.UNMAPPED);
    }

    /** A verified original and the name its errors use ({@code owner/repo:path}). */
    record Source(String name, Path file) {}

    private RedorIdMatching() {}

    /**
     * The match of each title (index = ReDOrId) from the originals in the manifest's order: the .npy the
     * titles were read from (named in errors), movies_with_mentions.csv, then the mention lists (named
     * {@code *_LIST.csv}) and the known conversations (ReDial-style JSON lines) in any order.
     */
    static List<Match> fromOriginals(List<String> titles, List<Source> originals) throws IOException {
        List<Source> lists = new ArrayList<>();
        List<Source> conversations = new ArrayList<>();
        for (Source s : originals.subList(2, originals.size())) (s.name().endsWith("_LIST.csv") ? lists : conversations).add(s);
        return fromFiles(originals.get(0).name(), titles, originals.get(1), lists, conversations);
    }

    /** The match of each title from the files (plain or {@code .gz}) that hold the evidence. */
    static List<Match> fromFiles(String titlesName, List<String> titles, Source movies, List<Source> lists, List<Source> conversations) throws IOException {
        Map<Long, Set<Integer>> redorIds = new HashMap<>();
        for (Source s : lists) readList(s, titles.size(), redorIds);
        Map<Long, Set<Long>> mentions = new HashMap<>();
        for (Source s : conversations) readConversations(s, mentions);
        return match(titlesName, titles, movieNames(movies), redorIds, mentions);
    }

    /**
     * The rules of the class comment on parsed evidence: the titles (and the name of their file, for
     * errors); movieId to ReDial name; per conversationId the ReDOrIds of its LIST rows, and the
     * movieIds of the known conversations.
     */
    static List<Match> match(String titlesName, List<String> titles, Map<Long, String> names, Map<Long, Set<Integer>> redorIds, Map<Long, Set<Long>> mentions) {
        Map<String, List<Long>> byTitle = new HashMap<>();
        names.forEach((id, name) -> byTitle.computeIfAbsent(fold(redialTitle(name)), k -> new ArrayList<>()).add(id));
        Map<Integer, Set<Long>> evidence = new HashMap<>();
        redorIds.forEach((conversation, ids) -> {
            Set<Long> known = mentions.get(conversation);
            if (known == null) return;
            for (int r : ids) {
                Set<Long> e = evidence.get(r);
                if (e == null) evidence.put(r, new HashSet<>(known));
                else e.retainAll(known);
            }
        });
        List<Match> out = new ArrayList<>(titles.size());
        for (int r = 0; r < titles.size(); r++) {
            List<Long> candidates = byTitle.getOrDefault(fold(npyTitle(titles.get(r), titlesName, r)), List.of());
            Set<Long> e = evidence.get(r);
            if (e == null) {
                out.add(candidates.size() == 1 ? new Match(candidates.get(0).toString(), Method.TITLE) : Match.NONE);
                continue;
            }
            Optional<Long> confirmed = candidates.stream().filter(e::contains).min(Long::compare);
            if (confirmed.isPresent()) out.add(new Match(confirmed.get().toString(), Method.TITLE_AND_CONV));
            else if (e.size() == 1) out.add(new Match(e.iterator().next().toString(), Method.CONV));
            else out.add(Match.NONE);
        }
        return out;
    }

    /** The title of a "Title: … Genres: …" string. */
    private static String npyTitle(String s, String titlesName, int redorId) {
        int cut = s.lastIndexOf(GENRES_SEPARATOR);
        if (!s.startsWith(TITLE_PREFIX) || cut < TITLE_PREFIX.length()) {
            throw new IllegalStateException(titlesName + " entry " + redorId + ": '" + s + "' is not a 'Title: ….  Genres: …' string");
        }
        return s.substring(TITLE_PREFIX.length(), cut);
    }

    /**
     * A ReDial name without its trailing "(year)" and outer spaces: "Headhunter  (2009)" is "Headhunter".
     * Not {@link dev.rarec.corpus.Titles#parse}: it also collapses inner whitespace, decodes entities and
     * reads year ranges, and with it the index no longer equals the reference the layout hash pins.
     */
    private static String redialTitle(String name) {
        return name.replaceFirst("\\s*\\(\\d{4}\\)\\s*$", "").strip();
    }

    private static String fold(String title) {
        return title.toLowerCase(Locale.ROOT);
    }

    private static Map<Long, String> movieNames(Source s) {
        Map<Long, String> names = new HashMap<>();
        try (Csv csv = Csv.open(s.file())) {
            for (Optional<Csv.Row> r = csv.next(); r.isPresent(); r = csv.next()) {
                Csv.Row row = r.get();
                names.put(number(row.get("movieId"), s, row.line(), "movieId"), row.get("movieName"));
            }
        }
        return names;
    }

    private static void readList(Source s, int titles, Map<Long, Set<Integer>> redorIds) {
        try (Csv csv = Csv.open(s.file())) {
            for (Optional<Csv.Row> r = csv.next(); r.isPresent(); r = csv.next()) {
                Csv.Row row = r.get();
                Set<Integer> ids = redorIds.computeIfAbsent(number(row.get("ConvID"), s, row.line(), "ConvID"), k -> new HashSet<>());
                String list = row.get("movie_ReDOrId").strip();
                if (!list.startsWith("[") || !list.endsWith("]")) throw bad(s, row.line(), "movie_ReDOrId '" + list + "' is not a list");
                for (String id : list.substring(1, list.length() - 1).split(",")) {
                    if (id.isBlank()) continue;
                    long r0 = number(id.strip(), s, row.line(), "movie_ReDOrId entry");
                    if (r0 >= titles) throw bad(s, row.line(), "ReDOrId " + r0 + " has no title (the .npy has " + titles + ")");
                    ids.add((int) r0);
                }
            }
        }
    }

    private static void readConversations(Source s, Map<Long, Set<Long>> mentions) throws IOException {
        try (BufferedReader r = TextFiles.open(s.file())) {
            int lineNo = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isBlank()) continue;
                ObjectNode conversation = RedialTrainMerge.parse(line, s.name(), lineNo);
                long id = number(conversation.path("conversationId").asText(""), s, lineNo, "conversationId");
                JsonNode movies = conversation.path("movieMentions");
                if (!movies.isObject()) throw bad(s, lineNo, "movieMentions is not an object");
                Set<Long> ids = mentions.computeIfAbsent(id, k -> new HashSet<>());
                for (Iterator<String> it = movies.fieldNames(); it.hasNext(); ) ids.add(number(it.next(), s, lineNo, "movieMentions key"));
            }
        }
    }

    private static long number(String text, Source s, long line, String what) {
        if (!text.matches("\\d{1,18}")) throw bad(s, line, what + " '" + text + "' is not a number");
        return Long.parseLong(text);
    }

    private static IllegalStateException bad(Source s, long line, String why) {
        return new IllegalStateException(s.name() + " line " + line + ": " + why);
    }
}
