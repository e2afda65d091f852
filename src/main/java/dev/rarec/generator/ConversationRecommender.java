package dev.rarec.generator;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.MentionDetector;
import dev.rarec.corpus.Movie;
import dev.rarec.data.CrsExample;
import dev.rarec.data.Role;
import dev.rarec.data.Turn;
import dev.rarec.retriever.ScoredItem;
import dev.rarec.understanding.Constraints;
import dev.rarec.understanding.Opinion;
import dev.rarec.understanding.UserIntent;

import java.util.ArrayList;
import java.util.HashSet;
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
     * never been mentioned (the chat's {@code /forget}). The retriever reads the movies the user liked;
     * the assistant's own suggestions count only once the user names them, and dislikes never.
     *
     * @throws InvalidConversation when the conversation is empty, a role is unknown or k is out of range
     */
    public Result recommend(List<Message> messages, int k, Set<Integer> forgotten) {
        validate(messages, k);
        long t0 = System.nanoTime();
        List<Turn> context = turns(messages, forgotten);
        UserIntent intent = pipeline.read(context);
        List<Integer> history = recent(intent.liked());
        long t1 = System.nanoTime();

        Recommendation r = pipeline.recommend(context, history, intent, Math.max(k + forgotten.size(), retrievalSize));
        long t2 = System.nanoTime();

        Corpus corpus = pipeline.corpus();
        List<RankedMovie> ranked = new ArrayList<>(k);
        List<String> reasons = r.ranking().reasons();
        // A reason a person would give names the request or the liked film a recommendation comes from; the
        // built-in reranker's lines only say which cue it matched, so its reasons are written here instead.
        boolean generatorExplains = !pipeline.generator().name().equals(SemanticReranker.NAME);
        // Whatever the candidate source, a movie this conversation named (or forgot) is no recommendation.
        Set<Integer> spoken = new HashSet<>(forgotten);
        for (Turn t : context) spoken.addAll(t.items());
        for (int i = 0; i < r.ranked().size() && ranked.size() < k; i++) {
            ScoredItem item = r.ranked().get(i);
            if (spoken.contains(item.item())) continue;
            Movie movie = corpus.get(item.item());
            String given = i < reasons.size() ? reasons.get(i).strip() : "";
            String reason = given.isEmpty() || !generatorExplains ? Reasons.explain(movie, intent, corpus) : given;
            ranked.add(new RankedMovie(ranked.size() + 1, movie, item.score(), reason));
        }
        List<Candidate> candidates = r.candidates().stream()
                .map(c -> new Candidate(corpus.get(c.item()), c.score())).toList();
        List<NamedMovie> named = new ArrayList<>();
        for (int id : intent.liked()) named.add(new NamedMovie(corpus.get(id), Opinion.LIKED));
        for (int id : intent.disliked()) named.add(new NamedMovie(corpus.get(id), Opinion.DISLIKED));
        Timings timings = new Timings((t1 - t0) / 1e6, r.retrieveMillis(), r.generateMillis(), (t2 - t0) / 1e6);
        return new Result(ranked, history.stream().map(corpus::get).toList(), named, intent.constraints(), candidates,
                r.ranking().hallucinations(), pipeline.generator().name(), pipeline.candidates().name(), timings);
    }

    /**
     * The history the retriever would read for this conversation: the movies the user liked, oldest
     * first, at most {@link CrsExample#MAX_HISTORY} (the most recent kept), without {@code forgotten}.
     */
    public List<Integer> history(List<Message> messages, Set<Integer> forgotten) {
        return recent(pipeline.read(turns(messages, forgotten)).liked());
    }

    /** What the user said in the conversation: liked, disliked, suggested movies and constraints. */
    public UserIntent read(List<Message> messages, Set<Integer> forgotten) {
        return pipeline.read(turns(messages, forgotten));
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

    private static List<Integer> recent(List<Integer> liked) {
        return List.copyOf(liked.subList(Math.max(0, liked.size() - CrsExample.MAX_HISTORY), liked.size()));
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

    /** A movie the user named, and whether they liked it. */
    public record NamedMovie(Movie movie, Opinion opinion) {}

    /**
     * The answer to one conversation.
     *
     * @param recommendations the top k of the generator's ranking, best first
     * @param history         the movies the retriever read: those the user liked, oldest first
     * @param named           every movie the user named, liked ones first (oldest first), then disliked ones
     * @param constraints     what the user asked for, as understood
     * @param candidates      what the candidate source proposed to the generator, best first
     * @param hallucinations  generator lines that matched no candidate
     * @param generator       the generator's name
     * @param candidateSource where candidates came from: {@code paper} or {@code hybrid}
     * @param timings         where the time went
     */
    public record Result(List<RankedMovie> recommendations, List<Movie> history, List<NamedMovie> named,
                         Constraints constraints, List<Candidate> candidates, int hallucinations, String generator,
                         String candidateSource, Timings timings) {
        public Result {
            recommendations = List.copyOf(recommendations);
            history = List.copyOf(history);
            named = List.copyOf(named);
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
}
