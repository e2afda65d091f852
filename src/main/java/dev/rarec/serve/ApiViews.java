package dev.rarec.serve;

import dev.rarec.corpus.Movie;
import dev.rarec.generator.ConversationRecommender;
import dev.rarec.generator.ConversationRecommender.Result;
import dev.rarec.understanding.Constraints;
import dev.rarec.understanding.Genre;
import dev.rarec.understanding.YearRange;

import java.util.List;

/** The JSON shapes of the API (documented in {@code openapi.json}; keep both in step). */
final class ApiViews {
    static final int PLOT_SNIPPET_CHARS = 280;
    static final int CAST_SHOWN = 5;

    private ApiViews() {}

    record Item(int rank, int id, String imdbId, String title, Integer year, List<String> genres, String director,
                List<String> cast, String plot, String reason, float score) {}

    /** A movie the user named: {@code opinion} is {@code liked} (the retriever reads it) or {@code disliked}. */
    record NamedRef(int id, String imdbId, String title, Integer year, String opinion) {}

    /** What the user asked for, as understood; absent bounds are null. */
    record Understood(Integer yearFrom, Integer yearTo, List<String> genres, List<String> excludedGenres,
                      List<String> people, List<String> excludedPeople) {}

    record CandidateRef(int id, String imdbId, String title, Integer year, float score) {}

    record Timings(double detectMillis, double retrieveMillis, double generateMillis, double totalMillis) {}

    record Response(String generator, String candidateSource, int k, List<Item> recommendations, List<NamedRef> history,
                    Understood understood, List<CandidateRef> candidates, int hallucinations, Timings timings) {}

    record Error(String error, String field) {}

    static Response response(Result r, int k) {
        List<Item> items = r.recommendations().stream().map(ApiViews::item).toList();
        List<NamedRef> history = r.named().stream()
                .map(n -> new NamedRef(n.movie().id(), n.movie().imdbId(), n.movie().title(), year(n.movie()),
                        n.opinion().name().toLowerCase(java.util.Locale.ROOT))).toList();
        List<CandidateRef> candidates = r.candidates().stream()
                .map(c -> new CandidateRef(c.movie().id(), c.movie().imdbId(), c.movie().title(), year(c.movie()), c.score())).toList();
        ConversationRecommender.Timings t = r.timings();
        return new Response(r.generator(), r.candidateSource(), k, items, history, understood(r.constraints()), candidates, r.hallucinations(),
                new Timings(round(t.detectMillis()), round(t.retrieveMillis()), round(t.generateMillis()), round(t.totalMillis())));
    }

    private static Understood understood(Constraints c) {
        YearRange y = c.years();
        return new Understood(y.from() == YearRange.MIN ? null : y.from(), y.to() == YearRange.MAX ? null : y.to(),
                c.genres().stream().sorted().map(Genre::label).toList(), c.excludedGenres().stream().sorted().map(Genre::label).toList(),
                c.people().stream().sorted().toList(), c.excludedPeople().stream().sorted().toList());
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
