package dev.rarec.generator;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.MentionDetector;
import dev.rarec.corpus.Movie;
import dev.rarec.data.CrsExample;
import dev.rarec.data.Role;
import dev.rarec.data.Turn;
import dev.rarec.retriever.ScoredItem;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A conversation as people and programs write it (chat messages) in, ranked movies out: the one path
 * that {@code rarec recommend}, {@code rarec chat} and {@code rarec serve} share. It turns messages
 * into turns, detects the movies each turn names, and hands context and history to the
 * {@link Pipeline}; it adds no ranking of its own.
 */
public final class ConversationRecommender {
    /** The largest number of recommendations one call may ask for. */
    public static final int MAX_K = 100;

    private final Pipeline pipeline;
    private final MentionDetector mentions;
    private final int retrievalSize;

    public ConversationRecommender(Pipeline pipeline, MentionDetector mentions) {
        this(pipeline, mentions, Pipeline.DEFAULT_RETRIEVAL_SIZE);
    }

    /**
     * @param retrievalSize how many candidates the retriever proposes to the generator; a call asking for
     *                      more recommendations than this retrieves k instead
     */
    public ConversationRecommender(Pipeline pipeline, MentionDetector mentions, int retrievalSize) {
        if (retrievalSize < 1) throw new IllegalArgumentException("retrieval size must be at least 1, got " + retrievalSize);
        this.pipeline = pipeline;
        this.mentions = mentions;
        this.retrievalSize = retrievalSize;
    }

    public Corpus corpus() {
        return pipeline.corpus();
    }

    /** The name of the generator that ranks, e.g. {@code builtin}. */
    public String generatorName() {
        return pipeline.generator().name();
    }

    public MentionDetector mentions() {
        return mentions;
    }

    /** Recommends {@code k} movies for the conversation so far. */
    public Result recommend(List<Message> messages, int k) {
        return recommend(messages, k, Set.of());
    }

    /**
     * Recommends {@code k} movies for the conversation so far, as if the movies in {@code forgotten} had
     * never been mentioned (the chat's {@code /forget}).
     *
     * @throws InvalidConversation when the conversation is empty, a role is unknown or k is out of range
     */
    public Result recommend(List<Message> messages, int k, Set<Integer> forgotten) {
        validate(messages, k);
        long t0 = System.nanoTime();
        List<Turn> context = turns(messages, forgotten);
        List<Integer> history = history(context);
        long t1 = System.nanoTime();

        Recommendation r = pipeline.recommend(context, history, Math.max(k, retrievalSize));
        long t2 = System.nanoTime();

        Corpus corpus = pipeline.corpus();
        List<Movie> historyMovies = history.stream().map(corpus::get).toList();
        List<RankedMovie> ranked = new ArrayList<>(k);
        List<String> reasons = r.ranking().reasons();
        for (int i = 0; i < r.ranked().size() && ranked.size() < k; i++) {
            ScoredItem item = r.ranked().get(i);
            Movie movie = corpus.get(item.item());
            String given = i < reasons.size() ? reasons.get(i).strip() : "";
            String reason = given.isEmpty() ? MetadataReason.explain(movie, historyMovies) : given;
            ranked.add(new RankedMovie(ranked.size() + 1, movie, item.score(), reason));
        }
        List<Candidate> candidates = r.candidates().stream()
                .map(c -> new Candidate(corpus.get(c.item()), c.score())).toList();
        Timings timings = new Timings((t1 - t0) / 1e6, r.retrieveMillis(), r.generateMillis(), (t2 - t0) / 1e6);
        return new Result(ranked, historyMovies, candidates, r.ranking().hallucinations(), pipeline.generator().name(), timings);
    }

    /**
     * The history the retriever would read for this conversation: every movie detected in it, oldest
     * first, at most {@link CrsExample#MAX_HISTORY} (the most recent kept), without {@code forgotten}.
     */
    public List<Integer> history(List<Message> messages, Set<Integer> forgotten) {
        return history(turns(messages, forgotten));
    }

    private List<Turn> turns(List<Message> messages, Set<Integer> forgotten) {
        List<Turn> turns = new ArrayList<>(messages.size());
        for (Message m : messages) {
            List<Integer> items = new ArrayList<>();
            for (int id : mentions.detect(m.content())) {
                if (!forgotten.contains(id) && !items.contains(id)) items.add(id);
            }
            turns.add(new Turn(m.role(), m.content(), items));
        }
        return turns;
    }

    private static List<Integer> history(List<Turn> turns) {
        // A movie named again moves to the end: recency is what a sequential retriever reads.
        LinkedHashSet<Integer> mentioned = new LinkedHashSet<>();
        for (Turn t : turns) {
            for (int id : t.items()) {
                mentioned.remove(id);
                mentioned.add(id);
            }
        }
        List<Integer> all = new ArrayList<>(mentioned);
        return List.copyOf(all.subList(Math.max(0, all.size() - CrsExample.MAX_HISTORY), all.size()));
    }

    private void validate(List<Message> messages, int k) {
        if (messages == null || messages.isEmpty()) {
            throw new InvalidConversation("messages", "the conversation is empty: send at least one message");
        }
        boolean anyText = false;
        for (Message m : messages) anyText |= !m.content().isBlank();
        if (!anyText) {
            throw new InvalidConversation("messages", "the conversation is empty: every message has blank content");
        }
        int maxK = Math.min(MAX_K, pipeline.corpus().size());
        if (k < 1 || k > maxK) {
            throw new InvalidConversation("k", "k must be between 1 and " + maxK + ", got " + k);
        }
    }

    /**
     * One chat message.
     *
     * @param role    who wrote it: the user is the seeker, the assistant the recommender
     * @param content what was written; movie titles in it are detected
     */
    public record Message(Role role, String content) {
        public Message {
            if (role == null) throw new InvalidConversation("role", "a message needs a role (\"user\" or \"assistant\")");
            content = content == null ? "" : content;
        }

        public static Message user(String content) {
            return new Message(Role.SEEKER, content);
        }

        public static Message assistant(String content) {
            return new Message(Role.RECOMMENDER, content);
        }

        /**
         * A message with a chat-API role name: {@code user} → seeker, {@code assistant} → recommender.
         *
         * @throws InvalidConversation for any other role
         */
        public static Message of(String role, String content) {
            return new Message(parseRole(role, "role"), content);
        }

        /** The chat-API name of a role: {@code user} or {@code assistant}. */
        public String roleName() {
            return role == Role.SEEKER ? "user" : "assistant";
        }

        public static Role parseRole(String role, String field) {
            String r = role == null ? "" : role.strip().toLowerCase(Locale.ROOT);
            return switch (r) {
                case "user" -> Role.SEEKER;
                case "assistant" -> Role.RECOMMENDER;
                default -> throw new InvalidConversation(field,
                        "unknown role \"" + (role == null ? "" : role) + "\": use \"user\" or \"assistant\"");
            };
        }
    }

    /**
     * One recommendation.
     *
     * @param rank   1-based position in the generator's ranking
     * @param movie  the corpus record
     * @param score  the generator's score, 1 / rank
     * @param reason why it fits, grounded in the movie's metadata
     */
    public record RankedMovie(int rank, Movie movie, float score, String reason) {}

    /** A movie the retriever proposed, with the retriever's score. */
    public record Candidate(Movie movie, float score) {}

    /**
     * Where the time went, in milliseconds.
     *
     * @param detectMillis   finding the mentioned movies in the messages
     * @param retrieveMillis the retriever's top-k
     * @param generateMillis the generator's ranking
     * @param totalMillis    the whole call
     */
    public record Timings(double detectMillis, double retrieveMillis, double generateMillis, double totalMillis) {}

    /**
     * The answer to one conversation.
     *
     * @param recommendations the top k of the generator's ranking, best first
     * @param history         the movies detected in the conversation (oldest first) that the retriever read
     * @param candidates      what the retriever proposed to the generator, best first
     * @param hallucinations  generator lines that matched no candidate
     * @param generator       the generator's name
     * @param timings         where the time went
     */
    public record Result(List<RankedMovie> recommendations, List<Movie> history, List<Candidate> candidates,
                         int hallucinations, String generator, Timings timings) {
        public Result {
            recommendations = List.copyOf(recommendations);
            history = List.copyOf(history);
            candidates = List.copyOf(candidates);
        }
    }

    /** A conversation or request that cannot be answered as sent; {@link #field()} names the culprit. */
    public static final class InvalidConversation extends IllegalArgumentException {
        private final String field;

        public InvalidConversation(String field, String message) {
            super(message);
            this.field = field;
        }

        /** The offending field, e.g. {@code messages}, {@code messages[2].role} or {@code k}. */
        public String field() {
            return field;
        }
    }

    /**
     * The fallback reason when a generator gives none: what the movie shares with the movies the user
     * named (director, cast, genres), else its own leading metadata. Never invents anything the
     * records do not say.
     */
    static final class MetadataReason {
        private MetadataReason() {}

        static String explain(Movie movie, List<Movie> history) {
            List<String> parts = new ArrayList<>();
            for (int i = history.size() - 1; i >= 0 && parts.isEmpty(); i--) {
                Movie h = history.get(i);
                if (!movie.director().isEmpty() && sameDirector(movie.director(), h.director())) {
                    parts.add("directed by " + movie.director() + ", like " + h.displayTitle());
                }
            }
            for (int i = history.size() - 1; i >= 0; i--) {
                Movie h = history.get(i);
                List<String> shared = movie.cast().stream().filter(h.cast()::contains).limit(2).toList();
                if (!shared.isEmpty()) {
                    parts.add("stars " + String.join(" and ", shared) + " from " + h.displayTitle());
                    break;
                }
            }
            Set<String> historyGenres = new LinkedHashSet<>();
            for (Movie h : history) historyGenres.addAll(h.genres());
            List<String> sharedGenres = movie.genres().stream().filter(historyGenres::contains).limit(3).toList();
            if (!sharedGenres.isEmpty()) {
                parts.add(String.join(", ", sharedGenres).toLowerCase(Locale.ROOT) + ", genres you mentioned");
            }
            if (parts.isEmpty()) {
                if (!movie.genres().isEmpty()) {
                    parts.add(String.join(", ", movie.genres().subList(0, Math.min(3, movie.genres().size()))).toLowerCase(Locale.ROOT));
                }
                if (!movie.director().isEmpty()) parts.add("directed by " + movie.director());
            }
            if (parts.isEmpty()) return "close to the conversation so far";
            String s = String.join("; ", parts);
            return Character.toUpperCase(s.charAt(0)) + s.substring(1);
        }

        private static boolean sameDirector(String a, String b) {
            if (b.isEmpty()) return false;
            for (String x : a.split(",")) {
                for (String y : b.split(",")) {
                    if (x.strip().equalsIgnoreCase(y.strip())) return true;
                }
            }
            return false;
        }
    }
}
