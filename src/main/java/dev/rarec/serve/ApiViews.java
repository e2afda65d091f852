package dev.rarec.serve;

import dev.rarec.corpus.Movie;
import dev.rarec.generator.ConversationRecommender;
import dev.rarec.generator.ConversationRecommender.Result;

import java.util.List;

/** The JSON shapes of the API (documented in {@code openapi.json}; keep both in step). */
final class ApiViews {
    static final int PLOT_SNIPPET_CHARS = 280;
    static final int CAST_SHOWN = 5;

    private ApiViews() {}

    record Item(int rank, int id, String imdbId, String title, Integer year, List<String> genres, String director,
                List<String> cast, String plot, String reason, float score) {}

    record MovieRef(int id, String imdbId, String title, Integer year) {}

    record CandidateRef(int id, String imdbId, String title, Integer year, float score) {}

    record Timings(double detectMillis, double retrieveMillis, double generateMillis, double totalMillis) {}

    record Response(String generator, int k, List<Item> recommendations, List<MovieRef> history,
                    List<CandidateRef> candidates, int hallucinations, Timings timings) {}

    record Error(String error, String field) {}

    static Response response(Result r, int k) {
        List<Item> items = r.recommendations().stream().map(ApiViews::item).toList();
        List<MovieRef> history = r.history().stream()
                .map(m -> new MovieRef(m.id(), m.imdbId(), m.title(), year(m))).toList();
        List<CandidateRef> candidates = r.candidates().stream()
                .map(c -> new CandidateRef(c.movie().id(), c.movie().imdbId(), c.movie().title(), year(c.movie()), c.score())).toList();
        ConversationRecommender.Timings t = r.timings();
        return new Response(r.generator(), k, items, history, candidates, r.hallucinations(),
                new Timings(round(t.detectMillis()), round(t.retrieveMillis()), round(t.generateMillis()), round(t.totalMillis())));
    }

    private static Item item(ConversationRecommender.RankedMovie r) {
        Movie m = r.movie();
        return new Item(r.rank(), m.id(), m.imdbId(), m.title(), year(m), m.genres(), m.director(),
                m.cast().subList(0, Math.min(CAST_SHOWN, m.cast().size())), snippet(m.plot(), PLOT_SNIPPET_CHARS),
                r.reason(), r.score());
    }

    private static Integer year(Movie m) {
        return m.year() > 0 ? m.year() : null;
    }

    /** The plot cut at a word boundary, so cards stay short. */
    static String snippet(String text, int max) {
        if (text.length() <= max) return text;
        int cut = text.lastIndexOf(' ', max - 1);
        if (cut < max / 2) cut = max - 1;
        return text.substring(0, cut).stripTrailing() + "…";
    }

    private static double round(double millis) {
        return Math.round(millis * 100) / 100.0;
    }
}
