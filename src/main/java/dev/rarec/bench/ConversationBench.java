package dev.rarec.bench;

import dev.rarec.bench.ConversationSuite.Film;
import dev.rarec.bench.ConversationSuite.Message;
import dev.rarec.bench.ConversationSuite.NamedFilm;
import dev.rarec.bench.ConversationSuite.SuiteConversation;
import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Movie;
import dev.rarec.generator.ConversationRecommender;
import dev.rarec.serve.ResultFormat;
import dev.rarec.util.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs a {@link ConversationSuite} through a recommender that answers with the API's JSON and checks every
 * answer: the top {@value #K} recommendations against the conversation's expectations, the history against the
 * films the user named. The in-process recommender and a running {@code rarec serve} are read through the same
 * JSON, so both are measured the same way.
 */
public final class ConversationBench {
    /** Recommendations checked per conversation, as a chat shows them. */
    public static final int K = 5;

    private static final int MAX_RATE_LIMIT_WAITS = 10;

    private final Function<ApiAnswer.Item, FilmFacts> facts;

    private ConversationBench(Function<ApiAnswer.Item, FilmFacts> facts) {
        this.facts = facts;
    }

    /** Answers one conversation with the body of a {@code POST /v1/recommendations} response. */
    @FunctionalInterface
    public interface Recommender {
        /**
         * @throws AnswerRefused when the system refuses this conversation (an HTTP error status): counted as a failed case
         * @throws IOException   when the system cannot be reached: the run stops
         */
        String answer(List<Message> messages, int k) throws IOException, InterruptedException;
    }

    /** The system refused to answer one conversation; the bench records it and goes on. */
    public static final class AnswerRefused extends RuntimeException {
        public AnswerRefused(String message) {
            super(message);
        }
    }

    /** Checks films against the corpus the recommender itself uses: the API's {@code id} is the corpus id. */
    public static ConversationBench sameCorpus(Corpus corpus) {
        return new ConversationBench(item -> FilmFacts.of(corpus.get(item.id())));
    }

    /**
     * Checks films of a remote server: looked up by IMDb id in {@code corpus} when given (full cast), else as the
     * API describes them.
     */
    public static ConversationBench remote(Optional<Corpus> corpus) {
        return new ConversationBench(item -> corpus.flatMap(c -> item.imdbId().isEmpty() ? Optional.empty() : c.byImdbId(item.imdbId()))
                .map(FilmFacts::of).orElseGet(() -> FilmFacts.of(item)));
    }

    /** The in-process recommender, answering exactly what {@code rarec serve} would send for the conversation. */
    public static Recommender inProcess(ConversationRecommender recommender) {
        return (messages, k) -> {
            List<ConversationRecommender.Message> chat = messages.stream()
                    .map(m -> ConversationRecommender.Message.of(m.role(), m.content())).toList();
            try {
                return ResultFormat.json(recommender.recommend(chat, k), k);
            } catch (ConversationRecommender.InvalidConversation e) {
                throw new AnswerRefused("refused (" + e.field() + "): " + e.getMessage());
            }
        };
    }

    /**
     * A running {@code rarec serve} at {@code baseUrl}, e.g. {@code http://127.0.0.1:8080}. A 429 is waited out
     * (its {@code Retry-After}, a few times): the server's rate limit throttles the bench, it does not fail it.
     *
     * @param token the server's access token, sent as {@code Authorization: Bearer}; never printed
     */
    public static Recommender http(URI baseUrl, Optional<String> token) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        URI endpoint = baseUrl.resolve("/v1/recommendations");
        return (messages, k) -> {
            String body = Json.MAPPER.writeValueAsString(Map.of("messages", messages, "k", k));
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofMinutes(2))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
            token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (int retry = 0; response.statusCode() == 429 && retry < MAX_RATE_LIMIT_WAITS; retry++) {
                long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
                Thread.sleep(Duration.ofSeconds(Math.max(1, Math.min(seconds, 60))).toMillis());
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            if (response.statusCode() == 401) {
                throw new IllegalStateException("HTTP 401 from " + endpoint + ": the server wants an access token (--token-env names "
                        + "the environment variable that holds it)");
            }
            if (response.statusCode() != 200) {
                throw new AnswerRefused("HTTP " + response.statusCode() + " from " + endpoint + ": " + response.body());
            }
            return response.body();
        };
    }

    /**
     * Refuses a suite whose named films are not in {@code corpus} as written (IMDb id present, year within one):
     * a suite that disagrees with the corpus would count its own mistakes as the system's.
     *
     * @throws IllegalStateException listing every disagreement
     */
    public static void checkAgainst(ConversationSuite suite, Corpus corpus) {
        List<String> problems = new ArrayList<>();
        for (SuiteConversation c : suite.conversations()) {
            List<Film> films = new ArrayList<>(c.expect().notRecommended());
            films.addAll(c.expect().suggested());
            for (NamedFilm n : c.expect().named()) {
                films.add(n.film());
                for (String wrong : n.notImdbIds()) {
                    if (corpus.byImdbId(wrong).isEmpty()) problems.add(c.id() + ": wrong reading " + wrong + " is not in the corpus");
                }
            }
            for (Film f : films) {
                Optional<Movie> m = corpus.byImdbId(f.imdbId());
                if (m.isEmpty()) {
                    problems.add(c.id() + ": " + f.display() + " is not in the corpus");
                } else if (Math.abs(m.get().year() - f.year()) > 1) {
                    problems.add(c.id() + ": " + f.display() + " is " + m.get().displayTitle() + " in the corpus");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the suite disagrees with the corpus (" + problems.size() + "):\n  "
                    + String.join("\n  ", problems));
        }
    }

    /** Runs every conversation in order and checks its answer. */
    public ConversationReport run(ConversationSuite suite, Recommender recommender) throws IOException, InterruptedException {
        List<ConversationReport.Outcome> outcomes = new ArrayList<>();
        for (SuiteConversation c : suite.conversations()) {
            ApiAnswer answer;
            try {
                answer = ApiAnswer.parse(recommender.answer(c.messages(), K));
            } catch (AnswerRefused e) {
                outcomes.add(ConversationReport.Outcome.refused(c, e.getMessage()));
                continue;
            }
            outcomes.add(check(c, answer));
        }
        return new ConversationReport(suite, outcomes);
    }

    ConversationReport.Outcome check(SuiteConversation c, ApiAnswer answer) {
        List<ConversationReport.Slot> slots = new ArrayList<>();
        for (int i = 0; i < Math.min(K, answer.recommendations().size()); i++) {
            FilmFacts film = facts.apply(answer.recommendations().get(i));
            slots.add(new ConversationReport.Slot(i + 1, film, ExpectationCheck.failures(c.expect(), film)));
        }
        List<ConversationReport.Named> named = new ArrayList<>();
        for (NamedFilm n : c.expect().named()) {
            String opinion = answer.history().stream().filter(h -> h.imdbId().equals(n.imdbId()))
                    .map(ApiAnswer.HistoryEntry::opinion).filter(o -> o != null).findFirst().orElse(null);
            named.add(new ConversationReport.Named(n, ExpectationCheck.resolved(n, answer.history()), opinion));
        }
        int suggestionsKeptOut = (int) c.expect().suggested().stream().filter(f -> ExpectationCheck.keptOut(f, answer.history())).count();
        boolean opinions = answer.history().stream().anyMatch(h -> h.opinion() != null);
        return new ConversationReport.Outcome(c, slots, named, suggestionsKeptOut, answer.history(), opinions, null);
    }
}
