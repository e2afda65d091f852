package dev.rarec.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rarec.corpus.Movie;
import dev.rarec.generator.ConversationRecommender.NamedMovie;
import dev.rarec.generator.ConversationRecommender.RankedMovie;
import dev.rarec.generator.ConversationRecommender.Result;
import dev.rarec.understanding.Constraints;
import dev.rarec.understanding.Opinion;
import dev.rarec.util.Json;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** How a {@link Result} reads in a terminal, and its JSON (the same shape the API answers with). */
public final class ResultFormat {
    private ResultFormat() {}

    /** The API's response body for this result, pretty-printed. */
    public static String json(Result result, int k) {
        try {
            return Json.PRETTY.writeValueAsString(ApiViews.response(result, k));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "Heat (1995), The Matrix (1999)", or "none" for an empty history. */
    public static String titles(List<Movie> movies) {
        return movies.isEmpty() ? "none" : movies.stream().map(Movie::displayTitle).collect(Collectors.joining(", "));
    }

    /**
     * What was understood, as one line: "You liked Heat (1995); you did not like The Heat (2013). Looking
     * for: western, the 1960s, without animation." Empty when nothing was named or asked.
     */
    public static String understood(Result result) {
        List<String> parts = new ArrayList<>();
        List<Movie> liked = result.named().stream().filter(n -> n.opinion() == Opinion.LIKED).map(NamedMovie::movie).toList();
        List<Movie> disliked = result.named().stream().filter(n -> n.opinion() == Opinion.DISLIKED).map(NamedMovie::movie).toList();
        if (!liked.isEmpty()) parts.add("You liked " + titles(liked) + ".");
        if (!disliked.isEmpty()) parts.add("You did not like " + titles(disliked) + ".");
        Constraints c = result.constraints();
        List<String> wants = new ArrayList<>();
        c.genres().stream().sorted().forEach(g -> wants.add(g.noun()));
        if (!c.years().isAny()) wants.add(c.years().describe());
        wants.addAll(c.people());
        c.excludedGenres().stream().sorted().forEach(g -> wants.add("no " + g.noun()));
        c.excludedPeople().forEach(p -> wants.add("no " + p));
        if (!wants.isEmpty()) parts.add("Looking for: " + String.join(", ", wants) + ".");
        return String.join(" ", parts);
    }

    /**
     * The ranked movies, one block each: title and year; genres, director, leading cast; the reason.
     *
     * @param indent prefix of every line
     */
    public static void print(PrintWriter out, Result result, String indent) {
        int width = String.valueOf(result.recommendations().size()).length();
        for (RankedMovie r : result.recommendations()) {
            Movie m = r.movie();
            String pad = " ".repeat(width + 2);
            out.printf("%s%" + width + "d. %s%n", indent, r.rank(), m.displayTitle());
            String meta = metadata(m);
            if (!meta.isEmpty()) out.printf("%s%s%s%n", indent, pad, meta);
            out.printf("%s%swhy: %s%n", indent, pad, r.reason());
        }
        out.flush();
    }

    /** "Crime, Drama · dir. Michael Mann · with Al Pacino, Robert De Niro": what a reader scans for. */
    static String metadata(Movie m) {
        StringBuilder s = new StringBuilder();
        if (!m.genres().isEmpty()) s.append(String.join(", ", m.genres()));
        if (!m.director().isEmpty()) s.append(s.isEmpty() ? "" : " · ").append("dir. ").append(m.director());
        if (!m.cast().isEmpty()) {
            s.append(s.isEmpty() ? "" : " · ").append("with ").append(String.join(", ", m.cast().subList(0, Math.min(3, m.cast().size()))));
        }
        return s.toString();
    }
}
