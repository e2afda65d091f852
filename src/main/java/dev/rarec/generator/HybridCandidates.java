package dev.rarec.generator;

import dev.rarec.corpus.Audience;
import dev.rarec.corpus.PlotIndex;
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
import dev.rarec.understanding.YearRange;

import java.util.ArrayList;
import java.util.HashMap;
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
     * @param plot       what the film's plot summary says of the request's words ({@link PlotIndex}, BM25), as a share of
     *                   the best-matching film's: that film gains this many standard deviations
     */
    public record Weights(double retriever, double text, double popularity, double dislike, double likedInQuery, double coldPopularity,
                          double plot) {
        public static final Weights DEFAULT = new Weights(1.0, 0.25, 0.25, 1.0, 0.5, 1.0, PLOT_WEIGHT);

        /** The popularity weight for a history of this many films. */
        double popularityFor(int historySize) {
            return popularity + coldPopularity / (1 + historySize);
        }

        /** "retriever,text,popularity,dislike[,plot]" (e.g. {@code 1,0.25,0.25,1}), as the CLI takes them. */
        public static Weights parse(String csv) {
            String[] p = csv.split(",");
            if (p.length != 4 && p.length != 5) {
                throw new IllegalArgumentException("--hybrid-weights '" + csv + "': expected four or five numbers: retriever,text,popularity,dislike[,plot]");
            }
            try {
                return new Weights(Double.parseDouble(p[0].strip()), Double.parseDouble(p[1].strip()), Double.parseDouble(p[2].strip()),
                        Double.parseDouble(p[3].strip()), DEFAULT.likedInQuery(), DEFAULT.coldPopularity(),
                        p.length == 5 ? Double.parseDouble(p[4].strip()) : DEFAULT.plot());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--hybrid-weights '" + csv + "': not a number: " + e.getMessage());
            }
        }
    }

    /** The default {@link Weights#plot}. */
    static final double PLOT_WEIGHT = 1.0;
    /** How many of the latest user messages the text query reads, and how much each older one counts less. */
    static final int QUERY_MESSAGES = 3;
    static final double QUERY_DECAY = 0.5;
    /** Priority tiers: in the asked years, with the wanted genres and people. */
    private static final float TIER = 1e4f;

    private final Corpus corpus;
    private final Retriever retriever;
    private final TextIndex textIndex;
    private final PlotIndex plots;
    private final TextEncoder encoder;
    private final Weights weights;
    private final float[] popularity;
    private final String[] titleKeys;
    /** The items sharing each title key, for the title rule of {@link #excluded}. */
    private final Map<String, int[]> byTitleKey;
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
        this.encoder = encoder;
        this.weights = weights;
        this.popularity = popularity(corpus);
        if (items.length != corpus.size()) {
            throw new IllegalArgumentException(items.length + " item embeddings for " + corpus.size() + " corpus items");
        }
        this.textIndex = new TextIndex(items);
        this.plots = PlotIndex.of(corpus);
        this.years = new int[corpus.size()];
        this.genreMasks = new int[corpus.size()];
        for (int i = 0; i < corpus.size(); i++) {
            years[i] = corpus.get(i).year();
            genreMasks[i] = Genre.mask(corpus.get(i));
        }
        this.featuring = new ConcurrentHashMap<>();
        this.titleKeys = new String[corpus.size()];
        for (int i = 0; i < titleKeys.length; i++) titleKeys[i] = Titles.key(corpus.get(i).title());
        Map<String, List<Integer>> byKey = new HashMap<>();
        for (int i = 0; i < titleKeys.length; i++) byKey.computeIfAbsent(titleKeys[i], key -> new ArrayList<>(1)).add(i);
        this.byTitleKey = new HashMap<>();
        byKey.forEach((key, ids) -> byTitleKey.put(key, ids.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** The same source reading another retriever; everything else shared. */
    private HybridCandidates(HybridCandidates source, Retriever retriever) {
        this.corpus = source.corpus;
        this.retriever = retriever;
        this.textIndex = source.textIndex;
        this.plots = source.plots;
        this.encoder = source.encoder;
        this.weights = source.weights;
        this.popularity = source.popularity;
        this.years = source.years;
        this.genreMasks = source.genreMasks;
        this.featuring = source.featuring;
        this.titleKeys = source.titleKeys;
        this.byTitleKey = source.byTitleKey;
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

    /**
     * The k best items by tier, then fused score. Every signal but the text is computed over the whole corpus;
     * the text's cosines only for the items that can still make the top k with the largest text term any item
     * could have ({@link TextIndex}): the k best by that bound are scored exactly, and their worst exact key is
     * a floor that no item whose bound lies below it can reach. The top k is the full scan's, item for item.
     */
    @Override
    public List<ScoredItem> candidates(List<Turn> context, List<Integer> historyItems, UserIntent intent, int k) {
        Fusion fusion = fusion(historyItems, intent);
        boolean[] excluded = excludedMask(context, historyItems, intent);
        Constraints c = intent.constraints();
        boolean[] fulfils = fulfils(c);
        YearRange years = c.years();
        // Each item's bound: its score with the largest text term any item can have.
        float maxText = fusion.maxText();
        float[] bounds = new float[corpus.size()];
        for (int i = 0; i < bounds.length; i++) bounds[i] = fusion.score(i, maxText) + tier(i, excluded, fulfils, years);
        int[] best = TopK.select(bounds, k, Set.of()).stream().mapToInt(ScoredItem::item).toArray();
        float floor = best.length < k ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        float[] bestText = fusion.text(best);
        for (int j = 0; j < best.length; j++) floor = Math.min(floor, fusion.score(best[j], bestText[j]) + tier(best[j], excluded, fulfils, years));

        int[] reaching = reaching(bounds, floor);
        float[] text = fusion.text(reaching);
        float[] keys = new float[reaching.length];
        for (int j = 0; j < reaching.length; j++) keys[j] = fusion.score(reaching[j], text[j]) + tier(reaching[j], excluded, fulfils, years);
        // reaching is in item order, so TopK breaks ties as it would over the whole corpus
        List<ScoredItem> out = new ArrayList<>(k);
        for (ScoredItem s : TopK.select(keys, k, Set.of())) {
            int j = s.item();
            out.add(new ScoredItem(reaching[j], fusion.score(reaching[j], text[j])));
        }
        return out;
    }

    /** What ranks an item before any score: minus infinity when excluded, else in the asked years, then with the wanted genres and people. */
    private float tier(int i, boolean[] excluded, boolean[] fulfils, YearRange asked) {
        return excluded[i] ? Float.NEGATIVE_INFINITY : ((asked.contains(years[i]) ? 2 : 0) + (fulfils[i] ? 1 : 0)) * TIER;
    }

    /** The items, in order, whose bound reaches {@code floor}; never an excluded one. */
    private static int[] reaching(float[] bounds, float floor) {
        int count = 0;
        for (float b : bounds) if (b >= floor && b != Float.NEGATIVE_INFINITY) count++;
        int[] out = new int[count];
        for (int i = 0, j = 0; i < bounds.length; i++) if (bounds[i] >= floor && bounds[i] != Float.NEGATIVE_INFINITY) out[j++] = i;
        return out;
    }

    /** This request's signals, standardised over the corpus; the text's cosines are computed on demand. */
    private Fusion fusion(List<Integer> historyItems, UserIntent intent) {
        float[] retrieverScores = !historyItems.isEmpty() && weights.retriever() != 0 ? standardise(retriever.score(historyItems).clone()) : null;
        float[] query = weights.text() != 0 ? query(intent) : null;
        float[] dislike = !intent.disliked().isEmpty() && weights.dislike() != 0 ? standardise(nearestDisliked(intent.disliked())) : null;
        float[] plot = weights.plot() != 0 ? plotTerm(intent) : null;
        return new Fusion(retrieverScores, query, query == null ? null : textIndex.spread(query), weights.popularityFor(historyItems.size()),
                plot, dislike);
    }

    /**
     * The weighted plot term per item: the latest messages' BM25 over the plot summaries, older ones counting less,
     * as a share of the best film's; null when no plot says any of the words.
     */
    private float[] plotTerm(UserIntent intent) {
        List<String> keywords = intent.keywords();
        float[] sum = null;
        for (int m = Math.max(0, keywords.size() - QUERY_MESSAGES); m < keywords.size(); m++) {
            float[] s = plots.scores(keywords.get(m));
            sum = addScaled(sum, s, Math.pow(QUERY_DECAY, keywords.size() - 1 - m));
        }
        float max = 0;
        if (sum != null) for (float v : sum) max = Math.max(max, v);
        if (max == 0) return null;
        for (int i = 0; i < sum.length; i++) sum[i] = (float) (weights.plot() * sum[i] / max);
        return sum;
    }

    /**
     * The weighted sum of one request's standardised signals, per item, always added in the same order
     * (retriever, text, popularity, plot, dislikes): since floats round monotonically, a larger text term never
     * gives a smaller sum, which is what makes {@link #maxText} a bound on every item's score.
     *
     * @param retrieverScores null without a history
     * @param query           null when there is nothing to read
     * @param plot            the weighted plot term, null when no plot says the request's words
     * @param dislike         closeness to the nearest disliked movie, null without dislikes
     */
    private final class Fusion {
        private final float[] retrieverScores;
        private final float[] query;
        private final TextIndex.Spread spread;
        private final double popularityWeight;
        private final float[] plot;
        private final float[] dislike;

        Fusion(float[] retrieverScores, float[] query, TextIndex.Spread spread, double popularityWeight, float[] plot, float[] dislike) {
            this.retrieverScores = retrieverScores;
            this.query = query;
            this.spread = spread;
            this.popularityWeight = popularityWeight;
            this.plot = plot;
            this.dislike = dislike;
        }

        /** Item i's score given its (weighted) text term. */
        float score(int i, float text) {
            float s = 0;
            if (retrieverScores != null) s += (float) (weights.retriever() * retrieverScores[i]);
            s += text;
            s += (float) (popularityWeight * popularity[i]);
            if (plot != null) s += plot[i];
            if (dislike != null) s += (float) (-weights.dislike() * dislike[i]);
            return s;
        }

        /** The weighted text term of the items {@code ids}. */
        float[] text(int[] ids) {
            float[] out = new float[ids.length];
            if (query == null) return out;
            float[] cosines = textIndex.cosines(query, ids);
            for (int j = 0; j < ids.length; j++) out[j] = term(cosines[j]);
            return out;
        }

        /** No item's text term exceeds this: every cosine lies within the spread's bound, and the term is monotone in it. */
        float maxText() {
            if (query == null) return 0;
            float bound = Math.nextUp((float) spread.bound());
            return Math.max(term(bound), term(-bound));
        }

        private float term(float cosine) {
            return (float) (weights.text() * spread.standardised(cosine));
        }
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
        for (int id : named) for (int same : byTitleKey.get(titleKeys[id])) out[same] = true;
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
        for (int id : intent.liked()) q = addScaled(q, textIndex.item(id), weights.likedInQuery());
        return q;
    }

    private float[] nearestDisliked(List<Integer> disliked) {
        float[] out = new float[corpus.size()];
        java.util.Arrays.fill(out, -1);
        for (int d : disliked) {
            float[] v = textIndex.cosines(textIndex.item(d));
            for (int i = 0; i < out.length; i++) out[i] = Math.max(out[i], v[i]);
        }
        return out;
    }

    private static float[] addScaled(float[] sum, float[] v, double w) {
        if (sum == null) sum = new float[v.length];
        for (int d = 0; d < v.length; d++) sum[d] += (float) (w * v[d]);
        return sum;
    }

    /** (x - mean) / std in place; a constant signal becomes 0. */
    static float[] standardise(float[] x) {
        double mean = sum(x) / x.length;
        double std = Math.sqrt(squaredDeviations(x, mean) / x.length);
        for (int i = 0; i < x.length; i++) x[i] = std < 1e-12 ? 0 : (float) ((x[i] - mean) / std);
        return x;
    }

    // Four running sums in the two sums below: one would wait on its own previous addition at every item
    // of the corpus, and a request standardises the retriever's score of all 113,120.

    private static double sum(float[] x) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < x.length; i += 4) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
        }
        for (; i < x.length; i++) s0 += x[i];
        return s0 + s1 + s2 + s3;
    }

    private static double squaredDeviations(float[] x, double mean) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < x.length; i += 4) {
            double a = x[i] - mean, b = x[i + 1] - mean, c = x[i + 2] - mean, d = x[i + 3] - mean;
            s0 += a * a;
            s1 += b * b;
            s2 += c * c;
            s3 += d * d;
        }
        for (; i < x.length; i++) s0 += (x[i] - mean) * (x[i] - mean);
        return s0 + s1 + s2 + s3;
    }
}
