package dev.rarec.generator;

import dev.rarec.corpus.Audience;
import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Movie;
import dev.rarec.corpus.Titles;
import dev.rarec.data.Turn;
import dev.rarec.embed.TextEncoder;
import dev.rarec.retriever.Retriever;
import dev.rarec.retriever.ScoredItem;
import dev.rarec.retriever.TopK;
import dev.rarec.understanding.Constraints;
import dev.rarec.understanding.Genre;
import dev.rarec.understanding.UserIntent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Conversation-aware candidates (beyond the paper): every corpus item is scored by a weighted sum of
 * standardised signals — the sequential retriever over the liked history, a text query (the user's
 * recent messages and liked movies, embedded like the items) and popularity — minus the closeness to
 * movies the user disliked. The user's explicit constraints act on the whole corpus before the top k
 * is cut, as a search engine filters before its kNN cut: excluded genres and people, and every movie
 * already named, are never candidates; items in the asked years and with the wanted genres and people
 * come first, the rest only fill a set that the constraints alone cannot fill.
 *
 * <p>With an empty history the retriever has nothing to read and the text, the constraints and
 * popularity decide, so a request ("a western from the 60s") is met from the first message.
 */
public final class HybridCandidates implements CandidateSource {
    public static final String NAME = "hybrid";

    /**
     * The fusion's weights, in standard deviations of each signal over the corpus.
     *
     * @param retriever  the sequential retriever's score
     * @param text       cosine between the text query and the item's metadata embedding
     * @param popularity how well known the movie is: the log of its IMDb-vote equivalent, counted or estimated ({@link Audience})
     * @param dislike    closeness to the nearest disliked movie, subtracted
     * @param likedInQuery weight of each liked movie's embedding in the text query, relative to the last message
     * @param coldPopularity popularity weight added when the user has named no film, shrinking as {@code 1 / (1 + liked films)}:
     *                     with nothing to go on but a request ("a western from the 60s"), people expect the films others
     *                     watched, not the ones whose plot summary happens to repeat the request's words
     */
    public record Weights(double retriever, double text, double popularity, double dislike, double likedInQuery, double coldPopularity) {
        public static final Weights DEFAULT = new Weights(1.0, 0.25, 0.25, 1.0, 0.5, 1.0);

        /** The popularity weight for a history of this many films. */
        double popularityFor(int historySize) {
            return popularity + coldPopularity / (1 + historySize);
        }

        /** "retriever,text,popularity,dislike" (e.g. {@code 1,0.25,0.25,1}), as the CLI takes them. */
        public static Weights parse(String csv) {
            String[] p = csv.split(",");
            if (p.length != 4) throw new IllegalArgumentException("--hybrid-weights '" + csv + "': expected four numbers: retriever,text,popularity,dislike");
            try {
                return new Weights(Double.parseDouble(p[0].strip()), Double.parseDouble(p[1].strip()), Double.parseDouble(p[2].strip()),
                        Double.parseDouble(p[3].strip()), DEFAULT.likedInQuery(), DEFAULT.coldPopularity());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--hybrid-weights '" + csv + "': not a number: " + e.getMessage());
            }
        }
    }

    /** How many of the latest user messages the text query reads, and how much each older one counts less. */
    static final int QUERY_MESSAGES = 3;
    static final double QUERY_DECAY = 0.5;
    /** Priority tiers: in the asked years, with the wanted genres and people. */
    private static final float TIER = 1e4f;

    private final Corpus corpus;
    private final Retriever retriever;
    private final float[][] items;
    private final TextEncoder encoder;
    private final Weights weights;
    private final float[] popularity;
    private final String[] titleKeys;

    /**
     * @param items    the L2-normalised metadata embedding of every corpus item, made by {@code encoder}
     * @param encoder  embeds the text query
     */
    public HybridCandidates(Corpus corpus, Retriever retriever, float[][] items, TextEncoder encoder, Weights weights) {
        this(corpus, retriever, items, encoder, weights, popularity(corpus), titleKeys(corpus));
        if (items.length != corpus.size()) {
            throw new IllegalArgumentException(items.length + " item embeddings for " + corpus.size() + " corpus items");
        }
    }

    private HybridCandidates(Corpus corpus, Retriever retriever, float[][] items, TextEncoder encoder, Weights weights, float[] popularity,
                             String[] titleKeys) {
        this.corpus = corpus;
        this.retriever = retriever;
        this.items = items;
        this.encoder = encoder;
        this.weights = weights;
        this.popularity = popularity;
        this.titleKeys = titleKeys;
    }

    private static String[] titleKeys(Corpus corpus) {
        String[] keys = new String[corpus.size()];
        for (int i = 0; i < keys.length; i++) keys[i] = Titles.key(corpus.get(i).title());
        return keys;
    }

    private static float[] popularity(Corpus corpus) {
        Audience audience = Audience.of(corpus);
        float[] p = new float[corpus.size()];
        for (int i = 0; i < p.length; i++) p[i] = (float) audience.logVotes(i);
        return standardise(p);
    }

    @Override
    public String name() {
        return NAME;
    }

    public Weights weights() {
        return weights;
    }

    @Override
    public boolean readsIntent() {
        return true;
    }

    @Override
    public CandidateSource withRetriever(Retriever other) {
        return new HybridCandidates(corpus, other, items, encoder, weights, popularity, titleKeys);
    }

    @Override
    public List<ScoredItem> candidates(List<Turn> context, List<Integer> historyItems, UserIntent intent, int k) {
        int n = corpus.size();
        float[] score = new float[n];
        if (!historyItems.isEmpty() && weights.retriever() != 0) add(score, standardise(retriever.score(historyItems).clone()), weights.retriever());
        float[] query = query(intent);
        if (query != null && weights.text() != 0) add(score, standardise(cosines(query)), weights.text());
        add(score, popularity, weights.popularityFor(historyItems.size()));
        if (!intent.disliked().isEmpty() && weights.dislike() != 0) add(score, standardise(nearestDisliked(intent.disliked())), -weights.dislike());

        Set<Integer> excluded = excluded(context, historyItems, intent);
        Constraints c = intent.constraints();
        float[] ranked = new float[n];
        for (int i = 0; i < n; i++) {
            Movie m = corpus.get(i);
            if (excluded.contains(i)) {
                ranked[i] = Float.NEGATIVE_INFINITY;
                continue;
            }
            int tier = (c.years().contains(m.year()) ? 2 : 0) + (c.fulfils(m) ? 1 : 0);
            ranked[i] = score[i] + tier * TIER;
        }
        List<ScoredItem> out = new ArrayList<>(k);
        for (ScoredItem s : TopK.select(ranked, k, Set.of())) {
            if (s.score() != Float.NEGATIVE_INFINITY) out.add(new ScoredItem(s.item(), score[s.item()]));
        }
        return out;
    }

    /** Every movie already named (history, the turns' mentions, dislikes, the assistant's suggestions) and the hard rules' victims. */
    @Override
    public Set<Integer> excluded(List<Turn> context, List<Integer> historyItems, UserIntent intent) {
        Set<Integer> excluded = new HashSet<>(historyItems);
        for (Turn t : context) excluded.addAll(t.items());
        excluded.addAll(intent.disliked());
        excluded.addAll(intent.suggested());
        // "Something like Heat" is not answered with The Heat: a film sharing a named film's title reads as a mix-up.
        Set<String> namedTitles = new HashSet<>();
        for (int id : excluded) namedTitles.add(titleKeys[id]);
        Constraints c = intent.constraints();
        boolean rules = !c.excludedGenres().isEmpty() || !c.excludedPeople().isEmpty();
        for (int i = 0; i < corpus.size(); i++) {
            if (namedTitles.contains(titleKeys[i]) || rules && ruledOut(corpus.get(i), c)) excluded.add(i);
        }
        return excluded;
    }

    /** The hard rules: an excluded genre or person; years only rank (see the tiers). */
    private static boolean ruledOut(Movie m, Constraints c) {
        if (!c.excludedGenres().isEmpty()) {
            int mask = Genre.mask(m);
            for (Genre g : c.excludedGenres()) if ((mask & (1 << g.ordinal())) != 0) return true;
        }
        for (String p : c.excludedPeople()) if (Constraints.features(m, p)) return true;
        return false;
    }

    /** The recency-weighted embedding of the latest messages plus the liked movies' embeddings; null when there is nothing to read. */
    private float[] query(UserIntent intent) {
        List<String> requests = intent.requests();
        List<String> texts = requests.subList(Math.max(0, requests.size() - QUERY_MESSAGES), requests.size());
        float[] q = null;
        if (!texts.isEmpty()) {
            float[][] v = encoder.encode(texts);
            for (int i = 0; i < v.length; i++) q = addScaled(q, v[i], Math.pow(QUERY_DECAY, v.length - 1 - i));
        }
        for (int id : intent.liked()) q = addScaled(q, items[id], weights.likedInQuery());
        return q;
    }

    private float[] cosines(float[] q) {
        float[] out = new float[items.length];
        for (int i = 0; i < items.length; i++) out[i] = dot(q, items[i]);
        return out;
    }

    private float[] nearestDisliked(List<Integer> disliked) {
        float[] out = new float[items.length];
        java.util.Arrays.fill(out, -1);
        for (int d : disliked) {
            float[] v = items[d];
            for (int i = 0; i < items.length; i++) out[i] = Math.max(out[i], dot(v, items[i]));
        }
        return out;
    }

    /** A dot product with four partial sums, which the JIT keeps in registers. */
    static float dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new GeneratorException("embedding dimensions differ (" + a.length + " vs " + b.length
                    + "): the text encoder must be the model the item embeddings were made with");
        }
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int d = 0;
        for (; d + 3 < a.length; d += 4) {
            s0 += a[d] * b[d];
            s1 += a[d + 1] * b[d + 1];
            s2 += a[d + 2] * b[d + 2];
            s3 += a[d + 3] * b[d + 3];
        }
        for (; d < a.length; d++) s0 += a[d] * b[d];
        return s0 + s1 + s2 + s3;
    }

    private static float[] addScaled(float[] sum, float[] v, double w) {
        if (sum == null) sum = new float[v.length];
        for (int d = 0; d < v.length; d++) sum[d] += (float) (w * v[d]);
        return sum;
    }

    private static void add(float[] score, float[] signal, double w) {
        for (int i = 0; i < score.length; i++) score[i] += (float) (w * signal[i]);
    }

    /** (x - mean) / std in place; a constant signal becomes 0. */
    static float[] standardise(float[] x) {
        double sum = 0, sq = 0;
        for (float v : x) sum += v;
        double mean = sum / x.length;
        for (float v : x) sq += (v - mean) * (v - mean);
        double std = Math.sqrt(sq / x.length);
        for (int i = 0; i < x.length; i++) x[i] = std < 1e-12 ? 0 : (float) ((x[i] - mean) / std);
        return x;
    }
}
