package dev.rarec.generator;

import dev.rarec.corpus.Movie;
import dev.rarec.data.Turn;
import dev.rarec.generator.llm.ChatClient;
import dev.rarec.generator.llm.ChatMessage;
import dev.rarec.generator.llm.ChatResponse;
import dev.rarec.generator.llm.LlmException;
import dev.rarec.generator.llm.TokenUsage;

import java.util.List;

/**
 * f_llm of section 3.3 on a black-box chat model: the prompt of figure 5 (the paper's instructions, the
 * retrieved candidates with their metadata, the conversation history), the answer read by
 * {@link RankedListParser} and matched to the candidates by {@link TitleMatcher} (0.85 threshold; an
 * unmatched line is a hallucination). Candidates the model leaves out keep the retriever's order after
 * the ones it ranked.
 */
public final class LlmGenerator implements Generator {

    /** The instruction text of figure 5, verbatim. */
    public static final String INSTRUCTIONS = "You are an expert in movie recommendations. Analyze the provided conversation "
            + "history to identify the user’s preferences, such as genres and actors. Then, rank the candidate movies by how "
            + "well they match these preferences. Return your answer as a numbered list with each movie on a new line in the "
            + "format: '<rank>. <movie name>'. Do not include any additional commentary, formatting or chattiness.";

    /** Plots are cut to this many characters so 25 candidates stay a prompt of a few thousand tokens. */
    public static final int MAX_PLOT_CHARS = 300;

    private final ChatClient client;
    private final TitleMatcher matcher;

    public LlmGenerator(ChatClient client) {
        this(client, new TitleMatcher());
    }

    public LlmGenerator(ChatClient client, TitleMatcher matcher) {
        this.client = client;
        this.matcher = matcher;
    }

    @Override
    public String name() {
        return "llm:" + client.config().model();
    }

    /** Tokens, requests and cache hits spent so far. */
    public TokenUsage usage() {
        return client.usage();
    }

    @Override
    public Ranking rank(List<Turn> context, List<Movie> candidates) {
        if (candidates.isEmpty()) return Ranking.of(List.of());
        ChatResponse response;
        try {
            response = client.complete(List.of(ChatMessage.user(prompt(context, candidates))));
        } catch (LlmException e) {
            if (e.stopsRun()) throw new GeneratorUnavailableException("the LLM generator cannot work: " + e.getMessage(), e);
            throw new GeneratorException("the LLM generator got no answer: " + e.getMessage(), e);
        }
        List<RankedListParser.Entry> entries = RankedListParser.parse(response.text());
        if (entries.isEmpty()) {
            // A refusal or a chat reply without a list: ranking it "as the retriever did" would hide the failure.
            String text = response.text().strip().replaceAll("\\s+", " ");
            throw new GeneratorException("the LLM's answer names no movie: \"" + (text.length() > 200 ? text.substring(0, 200) + "…" : text) + "\"");
        }
        return matcher.match(entries, candidates);
    }

    /** The figure 5 prompt: instructions, one key-value line per candidate, then the conversation as User/System lines. */
    public static String prompt(List<Turn> context, List<Movie> candidates) {
        StringBuilder sb = new StringBuilder(INSTRUCTIONS).append("\n\nCandidate movies:\n");
        for (Movie m : candidates) sb.append(candidateLine(m)).append('\n');
        sb.append("\nConversation history:\n\n");
        for (Turn t : context) {
            String text = t.text().strip().replaceAll("\\s*\\R\\s*", " ");
            if (!text.isEmpty()) sb.append(t.role().label()).append(": ").append(text).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    /** One candidate's line in the prompt: its key-value metadata with the plot cut to {@link #MAX_PLOT_CHARS}. */
    public static String candidateLine(Movie m) {
        return shortPlot(m).keyValueText();
    }

    private static Movie shortPlot(Movie m) {
        String plot = m.plot().strip().replaceAll("\\s+", " ");
        if (plot.length() <= MAX_PLOT_CHARS) {
            return plot.equals(m.plot()) ? m : new Movie(m.id(), m.imdbId(), m.title(), m.year(), m.genres(), m.director(), m.cast(), plot, m.sources(), m.votes());
        }
        int cut = plot.lastIndexOf(' ', MAX_PLOT_CHARS);
        String shortened = plot.substring(0, cut > MAX_PLOT_CHARS / 2 ? cut : MAX_PLOT_CHARS) + "…";
        return new Movie(m.id(), m.imdbId(), m.title(), m.year(), m.genres(), m.director(), m.cast(), shortened, m.sources(), m.votes());
    }
}
