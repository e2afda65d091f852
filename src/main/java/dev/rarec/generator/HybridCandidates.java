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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
    /** Per item, what the constraints read, kept in arrays: a request scans the whole corpus. */
    private final int[] years;
    private final int[] genreMasks;
    /** Per person a constraint named, the items they directed or are cast in (people asked for recur). */
    private final Map<String, int[]> featuring;

    /**
     * @param items    the L2-normalised metadata embedding of every corpus item, made by {@code encoder}
     * @param encoder  embeds the text query
     */
    public HybridCandidates(Corpus corpus, Retriever retriever, float[][] items, TextEncoder encoder, Weights weights) {
        this.corpus = corpus;
        this.retriever = retriever;
        this.items = items;
        this.encoder = encoder;
        this.weights = weights;
        this.popularity = popularity(corpus);
        if (items.length != corpus.size()) {
            throw new IllegalArgumentException(items.length + " item embeddings for " + corpus.size() + " corpus items");
        }
        this.years = new int[corpus.size()];
        this.genreMasks = new int[corpus.size()];
        for (int i = 0; i < corpus.size(); i++) {
            years[i] = corpus.get(i).year();
            genreMasks[i] = Genre.mask(corpus.get(i));
        }
        this.featuring = new ConcurrentHashMap<>();
        this.titleKeys = new String[corpus.size()];
        for (int i = 0; i < titleKeys.length; i++) titleKeys[i] = Titles.key(corpus.get(i).title());
    }

    /** The same source reading another retriever; everything else shared. */
    private HybridCandidates(HybridCandidates source, Retriever retriever) {
        this.corpus = source.corpus;
        this.retriever = retriever;
        this.items = source.items;
        this.encoder = source.encoder;
        this.weights = source.weights;
        this.popularity = source.popularity;
        this.years = source.years;
        this.genreMasks = source.genreMasks;
        this.featuring = source.featuring;
        this.titleKeys = source.titleKeys;
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
        return new HybridCandidates(this, other);
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

        boolean[] excluded = excludedMask(context, historyItems, intent);
        Constraints c = intent.constraints();
        boolean[] fulfils = fulfils(c);
        float[] ranked = new float[n];
        for (int i = 0; i < n; i++) {
            if (excluded[i]) {
                ranked[i] = Float.NEGATIVE_INFINITY;
                continue;
            }
            int tier = (c.years().contains(years[i]) ? 2 : 0) + (fulfils[i] ? 1 : 0);
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
        boolean[] mask = excludedMask(context, historyItems, intent);
        Set<Integer> excluded = new HashSet<>();
        for (int i = 0; i < mask.length; i++) if (mask[i]) excluded.add(i);
        return excluded;
    }

    /** {@link #excluded} per item, as the whole-corpus scan reads it. */
    private boolean[] excludedMask(List<Turn> context, List<Integer> historyItems, UserIntent intent) {
        boolean[] out = ruledOut(intent.constraints());
        List<Integer> named = new ArrayList<>(historyItems);
        for (Turn t : context) named.addAll(t.items());
        named.addAll(intent.disliked());
        named.addAll(intent.suggested());
        // "Something like Heat" is not answered with The Heat: a film sharing a named film's title reads as a mix-up.
        Set<String> namedTitles = new HashSet<>();
        for (int id : named) {
            out[id] = true;
            namedTitles.add(titleKeys[id]);
        }
        if (!namedTitles.isEmpty()) for (int i = 0; i < out.length; i++) if (namedTitles.contains(titleKeys[i])) out[i] = true;
        return out;
    }

    /** The hard rules, per item: an excluded genre or person; years only rank (see the tiers). */
    boolean[] ruledOut(Constraints c) {
        boolean[] out = new boolean[corpus.size()];
        int genres = mask(c.excludedGenres());
        if (genres != 0) for (int i = 0; i < out.length; i++) out[i] = (genreMasks[i] & genres) != 0;
        for (String p : c.excludedPeople()) for (int i : featuring(p)) out[i] = true;
        return out;
    }

    /** {@link Constraints#fulfils} per item: every wanted genre and, when people are wanted, one of them. */
    boolean[] fulfils(Constraints c) {
        boolean[] out = new boolean[corpus.size()];
        int genres = mask(c.genres());
        if (c.people().isEmpty()) {
            for (int i = 0; i < out.length; i++) out[i] = (genreMasks[i] & genres) == genres;
        } else {
            for (String p : c.people()) for (int i : featuring(p)) out[i] = (genreMasks[i] & genres) == genres;
        }
        return out;
    }

    private static int mask(Set<Genre> genres) {
        int mask = 0;
        for (Genre g : genres) mask |= 1 << g.ordinal();
        return mask;
    }

    /** The items {@link Constraints#features} the person, found once per person. */
    private int[] featuring(String person) {
        return featuring.computeIfAbsent(person, p -> {
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < corpus.size(); i++) if (Constraints.features(corpus.get(i), p)) ids.add(i);
            return ids.stream().mapToInt(Integer::intValue).toArray();
        });
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
        return dots(q, items);
    }

    private float[] nearestDisliked(List<Integer> disliked) {
        float[] out = new float[items.length];
        java.util.Arrays.fill(out, -1);
        for (int d : disliked) {
            float[] v = dots(items[d], items);
            for (int i = 0; i < items.length; i++) out[i] = Math.max(out[i], v[i]);
        }
        return out;
    }

    /**
     * {@link #dot}{@code (q, rows[i])} for every row, bit for bit, four rows at a time: each row keeps its
     * own four partial sums in dot's order, and the sixteen independent sums keep the core busy where
     * one row's four would wait on each other. The whole-corpus text score is the bulk of a request.
     */
    static float[] dots(float[] q, float[][] rows) {
        float[] out = new float[rows.length];
        int dim = q.length;
        int i = 0;
        for (; i + 3 < rows.length && dim % 4 == 0; i += 4) {
            float[] r0 = rows[i], r1 = rows[i + 1], r2 = rows[i + 2], r3 = rows[i + 3];
            if (r0.length != dim || r1.length != dim || r2.length != dim || r3.length != dim) break;
            float a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
            float c0 = 0, c1 = 0, c2 = 0, c3 = 0, e0 = 0, e1 = 0, e2 = 0, e3 = 0;
            for (int d = 0; d < dim; d += 4) {
                float q0 = q[d], q1 = q[d + 1], q2 = q[d + 2], q3 = q[d + 3];
                a0 += q0 * r0[d]; a1 += q1 * r0[d + 1]; a2 += q2 * r0[d + 2]; a3 += q3 * r0[d + 3];
                b0 += q0 * r1[d]; b1 += q1 * r1[d + 1]; b2 += q2 * r1[d + 2]; b3 += q3 * r1[d + 3];
                c0 += q0 * r2[d]; c1 += q1 * r2[d + 1]; c2 += q2 * r2[d + 2]; c3 += q3 * r2[d + 3];
                e0 += q0 * r3[d]; e1 += q1 * r3[d + 1]; e2 += q2 * r3[d + 2]; e3 += q3 * r3[d + 3];
            }
            out[i] = a0 + a1 + a2 + a3;
            out[i + 1] = b0 + b1 + b2 + b3;
            out[i + 2] = c0 + c1 + c2 + c3;
            out[i + 3] = e0 + e1 + e2 + e3;
        }
        for (; i < rows.length; i++) out[i] = dot(q, rows[i]);
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
