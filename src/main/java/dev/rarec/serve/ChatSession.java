package dev.rarec.serve;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Movie;
import dev.rarec.generator.ConversationRecommender;
import dev.rarec.generator.ConversationRecommender.InvalidConversation;
import dev.rarec.generator.ConversationRecommender.Message;
import dev.rarec.generator.ConversationRecommender.RankedMovie;
import dev.rarec.generator.ConversationRecommender.Result;
import dev.rarec.generator.GeneratorException;
import dev.rarec.understanding.UserIntent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The terminal conversation of {@code rarec chat}: every line the user writes is a message, the movies
 * named in it join the history, and each reply lists recommendations with a one-line reason. Lines
 * starting with {@code /} are commands ({@code /help}). Reads until {@code /quit} or end of input, so
 * a script can be piped in.
 */
public final class ChatSession {
    private final ConversationRecommender recommender;
    private final int k;
    private final PrintWriter out;
    private final List<Message> messages = new ArrayList<>();
    private final Set<Integer> forgotten = new LinkedHashSet<>();

    public ChatSession(ConversationRecommender recommender, int k, PrintWriter out) {
        this.recommender = recommender;
        this.k = k;
        this.out = out;
    }

    /** Greets, then answers every line of {@code in} until {@code /quit} or end of input. */
    public void run(BufferedReader in, boolean prompt) {
        out.println("rarec chat (" + recommender.generatorName() + " generator, " + recommender.corpus().size()
                + " movies). Tell me about movies you liked; /help lists the commands.");
        try {
            while (true) {
                if (prompt) {
                    out.print("you> ");
                }
                out.flush();
                String line = in.readLine();
                if (line == null || !handle(line)) break;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the conversation input", e);
        }
        out.println("bye");
        out.flush();
    }

    /** Answers one line; false when the session should end. */
    public boolean handle(String line) {
        String text = line.strip();
        if (text.isEmpty()) return true;
        if (text.startsWith("/")) return command(text);
        messages.add(Message.user(text));
        // Naming a forgotten movie again means it counts again.
        forgotten.removeAll(recommender.mentions().detect(text));
        try {
            Result result = recommender.recommend(messages, k, forgotten);
            reply(result);
        } catch (InvalidConversation | GeneratorException e) {
            messages.remove(messages.size() - 1);
            out.println("rarec> sorry, " + e.getMessage());
        }
        out.flush();
        return true;
    }

    /** The messages so far, for tests and for saving a session. */
    public List<Message> messages() {
        return List.copyOf(messages);
    }

    private void reply(Result result) {
        String understood = ResultFormat.understood(result);
        if (!understood.isEmpty()) out.println("rarec> " + understood);
        if (result.recommendations().isEmpty()) {
            out.println("rarec> I have nothing to recommend yet.");
            return;
        }
        out.println("rarec> You might like:");
        for (RankedMovie r : result.recommendations()) {
            out.printf("  %d. %s (%s): %s%n", r.rank(), r.movie().displayTitle(), brief(r.movie()), r.reason());
        }
        List<String> shown = result.recommendations().stream().map(r -> r.movie().displayTitle()).toList();
        // The reply joins the conversation as the recommender's turn, as in the datasets the models learned
        // from: its titles are suggestions, not recommended again, and liked only once the user names them.
        // It names every film shown, so that none of them comes back in the next answer.
        messages.add(Message.assistant("You might like " + String.join(", ", shown) + "."));
    }

    private static String brief(Movie m) {
        List<String> parts = new ArrayList<>();
        if (!m.genres().isEmpty()) parts.add(String.join("/", m.genres().subList(0, Math.min(2, m.genres().size()))));
        if (!m.director().isEmpty()) parts.add("dir. " + m.director());
        return parts.isEmpty() ? "no metadata" : String.join(", ", parts);
    }

    private boolean command(String text) {
        String[] parts = text.split("\\s+", 2);
        String arg = parts.length > 1 ? parts[1].strip() : "";
        switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "/quit", "/exit" -> {
                return false;
            }
            case "/help" -> help();
            case "/history" -> {
                UserIntent intent = recommender.read(messages, forgotten);
                Corpus corpus = recommender.corpus();
                out.println("liked (" + intent.liked().size() + "): " + ResultFormat.titles(intent.liked().stream().map(corpus::get).toList()));
                if (!intent.disliked().isEmpty()) {
                    out.println("disliked: " + ResultFormat.titles(intent.disliked().stream().map(corpus::get).toList()));
                }
                if (!intent.suggested().isEmpty()) {
                    out.println("suggested by me: " + ResultFormat.titles(intent.suggested().stream().map(corpus::get).toList()));
                }
                if (!forgotten.isEmpty()) {
                    out.println("forgotten: " + ResultFormat.titles(forgotten.stream().map(corpus::get).toList()));
                }
            }
            case "/clear" -> {
                messages.clear();
                forgotten.clear();
                out.println("cleared: a new conversation starts");
            }
            case "/forget" -> forget(arg);
            default -> out.println("unknown command " + parts[0] + ": /help lists the commands");
        }
        out.flush();
        return true;
    }

    /** Forgets the history movie a title names: detected in the argument first, else by title substring. */
    private void forget(String title) {
        if (title.isEmpty()) {
            out.println("usage: /forget <title>");
            return;
        }
        UserIntent intent = recommender.read(messages, forgotten);
        List<Integer> history = new ArrayList<>(intent.liked());
        history.addAll(intent.disliked());
        List<Integer> hits = recommender.mentions().detect(title).stream().filter(history::contains).toList();
        if (hits.isEmpty()) {
            String needle = title.toLowerCase(Locale.ROOT);
            hits = history.stream()
                    .filter(id -> recommender.corpus().get(id).displayTitle().toLowerCase(Locale.ROOT).contains(needle)).toList();
        }
        if (hits.isEmpty()) {
            out.println("\"" + title + "\" is not in the history; /history shows it");
            return;
        }
        forgotten.addAll(hits);
        out.println("forgot: " + ResultFormat.titles(hits.stream().map(recommender.corpus()::get).toList()));
    }

    private void help() {
        out.println("""
                Write about movies you liked (or did not) and what you are in the mood for: a decade, a genre,
                  an actor or director, what to leave out ("no horror"). My own suggestions count as liked
                  only once you name them.
                  /history          the movies I believe you liked and disliked
                  /forget <title>   drop a movie from the history
                  /clear            start a new conversation
                  /help             this list
                  /quit             leave""".stripIndent());
    }
}
