package dev.rarec.generator;

import dev.rarec.corpus.Movie;
import dev.rarec.data.Role;
import dev.rarec.data.Turn;
import dev.rarec.embed.TextEncoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * The built-in generator and rarec's default: re-ranks the retrieved candidates by how well each one's
 * metadata matches the conversation, without any network call. It stands in for f_llm of section 3.3
 * with what the conversation says that the item-only retriever cannot see: the genres, people and moods
 * the seeker names, and the content of the movies just mentioned.
 *
 * <p>Per candidate, a content score is the cosine between a conversation vector and the candidate's
 * metadata embedding, plus a small bonus for each genre cue, director or cast name the conversation
 * names. The conversation vector is a recency-weighted sum of the recent turns' embeddings (seeker turns
 * count more than recommender turns) and of the embeddings of the movies mentioned in them. The final
 * score is {@code (1 - fusionWeight) · retrieverRank + fusionWeight · contentScore}, both min-max
 * scaled to [0, 1] over the candidate set; {@code fusionWeight = 0} is exactly the retriever's order.
 *
 * <p>Thread-safe if the encoder is; the conversation vector of the last contexts is memoised, since RL
 * training ranks several candidate sets for the same context.
 */
public final class SemanticReranker implements Generator {
    public static final String NAME = "builtin";

    /**
     * A starting fusion weight: the best on validation in the ReDial proxy study of docs/generator.md
     * (0.5 and 0.6 tie there). Tune it on validation data for a trained retriever.
     */
    public static final double DEFAULT_FUSION_WEIGHT = 0.6;

    /**
     * The fusion weight over {@link HybridCandidates}, whose order already holds the conversation's text:
     * weighing it again at 0.6 lets a plot summary that repeats the request's words outrank the films people
     * know. Chosen on 600 ReDial validation examples (docs/results.md).
     */
    public static final double HYBRID_FUSION_WEIGHT = 0.3;

    /** The default fusion weight for candidates from the source named {@code candidateSource}. */
    public static double defaultFusionWeight(String candidateSource) {
        return HybridCandidates.NAME.equals(candidateSource) ? HYBRID_FUSION_WEIGHT : DEFAULT_FUSION_WEIGHT;
    }

    /**
     * The reranker's knobs. {@link #defaults(double)} holds values chosen on ReDial validation data with
     * MiniLM embeddings (docs/generator.md); tune {@code fusionWeight} on validation data.
     *
     * @param fusionWeight      weight of the content score against the retriever's order, in [0, 1]
     * @param lexicalWeight     content-score bonus per genre cue or person the conversation names (cosine units)
     * @param mentionWeight     weight of the mentioned movies' embeddings in the conversation vector
     *                          relative to the turns' text embeddings
     * @param maxTurns          how many of the latest turns are read
     * @param recencyDecay      weight factor per turn of age (the last turn has weight 1)
     * @param recommenderWeight weight of a recommender turn relative to a seeker turn
     * @param rankSharpness     shape of the retriever-order prior: 0 is linear in the rank, larger values
     *                          trust the first ranks more ({@code 1 - log(1 + s·i) / log(1 + s·(n-1))})
     * @param coldFusionWeight  the fusion weight while the conversation names no film, in [0, 1]
     */
    public record Settings(double fusionWeight, double lexicalWeight, double mentionWeight, int maxTurns,
                           double recencyDecay, double recommenderWeight, double rankSharpness, double coldFusionWeight) {
        public Settings {
            if (!(fusionWeight >= 0 && fusionWeight <= 1)) throw new IllegalArgumentException("fusionWeight must be in [0, 1], got " + fusionWeight);
            if (!(coldFusionWeight >= 0 && coldFusionWeight <= 1)) throw new IllegalArgumentException("coldFusionWeight must be in [0, 1], got " + coldFusionWeight);
            if (lexicalWeight < 0 || mentionWeight < 0 || recommenderWeight < 0) throw new IllegalArgumentException("weights must be >= 0");
            if (maxTurns < 1) throw new IllegalArgumentException("maxTurns must be >= 1, got " + maxTurns);
            if (!(recencyDecay > 0 && recencyDecay <= 1)) throw new IllegalArgumentException("recencyDecay must be in (0, 1], got " + recencyDecay);
            if (!(rankSharpness >= 0)) throw new IllegalArgumentException("rankSharpness must be >= 0, got " + rankSharpness);
        }

        /** These settings with {@code w} as the fusion weight, whether or not the conversation names a film. */
        public Settings withFusionWeight(double w) {
            return new Settings(w, lexicalWeight, mentionWeight, maxTurns, recencyDecay, recommenderWeight, rankSharpness, w);
        }

        public static Settings defaults(double fusionWeight) {
            return new Settings(fusionWeight, 0.1, 1.0, 6, 0.7, 0.5, 0, fusionWeight);
        }

        /**
         * The defaults over candidates from the source named {@code candidateSource}. Over hybrid candidates a
         * conversation that names no film keeps their order: the conversation vector is then the request's
         * words alone, which the hybrid order already weighs together with popularity, and weighing them
         * again lifts the films whose sparse metadata repeats the request ("a western from the 60s" brought
         * The Gambler Wore a Gun above The Good, the Bad and the Ugly).
         */
        public static Settings defaults(String candidateSource, double fusionWeight) {
            Settings s = defaults(fusionWeight);
            if (!HybridCandidates.NAME.equals(candidateSource)) return s;
            return new Settings(fusionWeight, s.lexicalWeight, s.mentionWeight, s.maxTurns, s.recencyDecay, s.recommenderWeight, s.rankSharpness, 0);
        }
    }

    private static final int MEMO_SIZE = 512;

    private final TextEncoder encoder;
    private final IntFunction<float[]> itemVectors;
    private final Settings settings;
    private final Map<Integer, MovieCues> movieCues = new ConcurrentHashMap<>();
    private final Map<List<Turn>, float[]> memo = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Turn>, float[]> eldest) {
            return size() > MEMO_SIZE;
        }
    });

    /**
     * @param encoder      encodes conversation turns; must be the model the item embeddings were made with
     * @param itemVectors  the precomputed L2-normalised metadata embedding of a corpus id
     * @param fusionWeight see {@link Settings#fusionWeight()}
     */
    public SemanticReranker(TextEncoder encoder, IntFunction<float[]> itemVectors, double fusionWeight) {
        this(encoder, itemVectors, Settings.defaults(fusionWeight));
    }

    public SemanticReranker(TextEncoder encoder, IntFunction<float[]> itemVectors, Settings settings) {
        this.encoder = encoder;
        this.itemVectors = itemVectors;
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Ranking rank(List<Turn> context, List<Movie> candidates) {
        int n = candidates.size();
        if (n == 0) return Ranking.of(List.of());
        List<Turn> window = context.subList(Math.max(0, context.size() - settings.maxTurns()), context.size());
        Cues cues = Cues.of(window);
        double[] content = new double[n];
        List<List<String>> matches = new ArrayList<>(n);
        float[] query = settings.fusionWeight() > 0 ? conversationVector(window) : null;
        for (int i = 0; i < n; i++) {
            Movie m = candidates.get(i);
            Match match = cues.match(movieCues.computeIfAbsent(m.id(), id -> MovieCues.of(m)));
            matches.add(match.matched());
            double score = settings.lexicalWeight() * match.bonus();
            if (query != null) score += dot(query, itemVector(m.id()));
            content[i] = score;
        }
        double[] contentScaled = minMax(content);
        Integer[] order = new Integer[n];
        double[] fused = new double[n];
        double w = namesFilm(window) ? settings.fusionWeight() : settings.coldFusionWeight();
        for (int i = 0; i < n; i++) {
            order[i] = i;
            double retrieverRank = retrieverPrior(i, n, settings.rankSharpness());
            fused[i] = (1 - w) * retrieverRank + w * contentScaled[i];
        }
        // A stable sort: equal scores keep the retriever's order.
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -fused[i]));
        List<Integer> items = new ArrayList<>(n);
        List<String> reasons = new ArrayList<>(n);
        for (int i : order) {
            Movie m = candidates.get(i);
            items.add(m.id());
            reasons.add(reason(m, matches.get(i)));
        }
        return new Ranking(items, n, 0, reasons);
    }

    private static boolean namesFilm(List<Turn> window) {
        for (Turn t : window) if (!t.items().isEmpty()) return true;
        return false;
    }

    /** The recency- and role-weighted sum of the window's turn embeddings and mentioned-movie embeddings. */
    private float[] conversationVector(List<Turn> window) {
        List<Turn> key = List.copyOf(window);
        float[] cached = memo.get(key);
        if (cached != null) return cached;
        List<String> texts = new ArrayList<>();
        List<Double> textWeights = new ArrayList<>();
        float[] sum = null;
        for (int t = window.size() - 1, age = 0; t >= 0; t--, age++) {
            Turn turn = window.get(t);
            double weight = Math.pow(settings.recencyDecay(), age) * (turn.role() == Role.SEEKER ? 1 : settings.recommenderWeight());
            if (weight == 0) continue;
            if (!turn.text().isBlank()) {
                texts.add(turn.text());
                textWeights.add(weight);
            }
            if (settings.mentionWeight() > 0 && !turn.items().isEmpty()) {
                double each = weight * settings.mentionWeight() / turn.items().size();
                for (int item : turn.items()) sum = addScaled(sum, itemVector(item), each);
            }
        }
        if (!texts.isEmpty()) {
            float[][] vectors = encoder.encode(texts);
            if (vectors.length != texts.size()) {
                throw new GeneratorUnavailableException("encoder " + encoder.modelId() + " returned " + vectors.length + " vectors for " + texts.size() + " texts");
            }
            for (int i = 0; i < vectors.length; i++) sum = addScaled(sum, vectors[i], textWeights.get(i));
        }
        float[] vector = sum == null ? new float[0] : normalise(sum);
        memo.put(key, vector);
        return vector;
    }

    private float[] itemVector(int id) {
        float[] v = itemVectors.apply(id);
        if (v == null) throw new GeneratorUnavailableException("no item embedding for corpus id " + id + ": rebuild the embeddings for this corpus");
        return v;
    }

    private static float[] addScaled(float[] sum, float[] v, double weight) {
        if (sum == null) sum = new float[v.length];
        if (v.length != sum.length) {
            throw new GeneratorUnavailableException("embedding dimensions differ (" + v.length + " vs " + sum.length
                    + "): the conversation encoder must be the model the item embeddings were made with");
        }
        for (int d = 0; d < v.length; d++) sum[d] += (float) (weight * v[d]);
        return sum;
    }

    private static float[] normalise(float[] v) {
        double norm = 0;
        for (float x : v) norm += x * x;
        norm = Math.sqrt(norm);
        if (norm == 0) return v;
        for (int d = 0; d < v.length; d++) v[d] /= (float) norm;
        return v;
    }

    private static double dot(float[] a, float[] b) {
        if (a.length == 0) return 0;
        if (a.length != b.length) {
            throw new GeneratorUnavailableException("embedding dimensions differ (" + a.length + " vs " + b.length
                    + "): the conversation encoder must be the model the item embeddings were made with");
        }
        double s = 0;
        for (int d = 0; d < a.length; d++) s += a[d] * b[d];
        return s;
    }

    /** 1 for the retriever's first candidate, 0 for its last; linear or, with sharpness, log-shaped. */
    static double retrieverPrior(int i, int n, double sharpness) {
        if (n == 1) return 1;
        if (sharpness == 0) return 1 - (double) i / (n - 1);
        return 1 - Math.log1p(sharpness * i) / Math.log1p(sharpness * (n - 1));
    }

    private static double[] minMax(double[] x) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double[] out = new double[x.length];
        if (hi - lo < 1e-12) return out;
        for (int i = 0; i < x.length; i++) out[i] = (x[i] - lo) / (hi - lo);
        return out;
    }

    /** A one-line reason from the item's metadata: what of it the conversation named, else what it is. */
    static String reason(Movie m, List<String> matched) {
        if (!matched.isEmpty()) {
            return "Matches " + joinWords(matched) + " from the conversation: " + describe(m);
        }
        return capitalise(describe(m));
    }

    private static String describe(Movie m) {
        StringBuilder sb = new StringBuilder();
        String genres = m.genres().isEmpty() ? "" : String.join("/", m.genres().subList(0, Math.min(3, m.genres().size()))).toLowerCase(Locale.ROOT) + " ";
        String noun = genres + "film";
        // "an action/drama film", "an IMAX film": the article follows the sound of the first letter
        sb.append(m.displayTitle()).append("aeiouAEIOU".indexOf(noun.charAt(0)) >= 0 ? " is an " : " is a ").append(noun);
        if (!m.director().isEmpty()) sb.append(" directed by ").append(m.director());
        if (!m.cast().isEmpty()) {
            sb.append(m.director().isEmpty() ? " with " : ", with ").append(joinWords(m.cast().subList(0, Math.min(2, m.cast().size()))));
        }
        return sb.append('.').toString();
    }

    private static String joinWords(List<String> words) {
        if (words.size() == 1) return words.get(0);
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * What the conversation names that a movie's metadata can match: genre cues (including mood words,
     * "scary" for horror) and people's names. Cues in seeker turns count fully, in recommender turns half.
     */
    private record Cues(String seekerText, String recommenderText, Set<String> seekerWords, Set<String> recommenderWords) {
        private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

        /** Genre families: a pattern over genre names, and the words that signal them in conversation. */
        private static final List<GenreCue> GENRES = List.of(
                new GenreCue("horror", "horror", Set.of("horror", "horrors", "scary", "scare", "scariest", "spooky", "creepy", "slasher", "gore", "gory", "frightening", "terrifying", "zombie", "zombies", "haunted", "ghost", "ghosts")),
                new GenreCue("comedy", "comed", Set.of("comedy", "comedies", "funny", "funniest", "hilarious", "laugh", "laughs", "comedic", "humor", "humour", "goofy", "silly", "lighthearted")),
                new GenreCue("romance", "roman", Set.of("romance", "romantic", "romcom", "romcoms", "chick flick", "love story")),
                new GenreCue("action", "action", Set.of("action", "explosions", "fight", "fighting", "martial", "adrenaline")),
                new GenreCue("thriller", "thrill", Set.of("thriller", "thrillers", "suspense", "suspenseful", "tense", "twist", "twists", "psychological")),
                new GenreCue("science fiction", "sci", Set.of("sci", "scifi", "science", "space", "aliens", "alien", "futuristic", "robots", "dystopian", "time travel")),
                new GenreCue("animation", "anim", Set.of("animated", "animation", "cartoon", "cartoons", "pixar", "anime")),
                new GenreCue("family", "famil|child|kid", Set.of("family", "kids", "kid", "children", "child", "daughter", "son", "grandkids")),
                new GenreCue("documentary", "document", Set.of("documentary", "documentaries", "docs")),
                new GenreCue("drama", "drama", Set.of("drama", "dramas", "dramatic", "emotional", "tearjerker", "cry", "sad")),
                new GenreCue("crime", "crime|gangster|noir", Set.of("crime", "gangster", "gangsters", "heist", "mafia", "mob", "detective", "cops", "cop", "noir")),
                new GenreCue("mystery", "myster", Set.of("mystery", "mysteries", "whodunit", "detective")),
                new GenreCue("fantasy", "fantas", Set.of("fantasy", "magic", "magical", "dragons", "wizards")),
                new GenreCue("adventure", "adventur", Set.of("adventure", "adventures", "adventurous", "quest")),
                new GenreCue("war", "war", Set.of("war", "wwii", "military", "soldiers")),
                new GenreCue("western", "western", Set.of("western", "westerns", "cowboy", "cowboys")),
                new GenreCue("musical", "music", Set.of("musical", "musicals", "singing", "songs", "music")),
                new GenreCue("history", "histor|biograph", Set.of("historical", "history", "biopic", "biography", "true story")),
                new GenreCue("sport", "sport", Set.of("sports", "sport", "football", "baseball", "boxing", "basketball")),
                new GenreCue("superhero", "superhero", Set.of("superhero", "superheroes", "marvel", "comic", "comics")));

        /** Surnames that are also common words; a bare surname like these is not taken as naming a person. */
        private static final Set<String> COMMON_WORDS = Set.of("black", "white", "brown", "green", "young", "king", "stone", "wood", "hill",
                "bell", "love", "rock", "hunt", "long", "short", "little", "banks", "day", "may", "park", "lane", "rose", "price",
                "wolf", "fox", "bird", "hart", "page", "ford", "jordan", "washington", "murray", "case", "grant", "jackson", "scott", "lee",
                "hall", "moore", "ball", "best", "cross", "gold", "strong", "west", "north", "hope", "wells", "rich", "miller", "walker",
                "smith", "cook", "turner", "carter", "hardy", "march", "hunter", "mark", "marks", "story", "star", "stars");

        /** Words after which, within {@link #NEGATION_REACH} words, a cue is not taken ("don't like horror"). */
        private static final Set<String> NEGATORS = Set.of("not", "never", "t", "dont", "didnt", "doesnt", "isnt", "wasnt",
                "cant", "wont", "hate", "hated", "hates", "dislike", "disliked", "nor", "without", "except", "besides");
        private static final int NEGATION_REACH = 5;
        private static final Pattern CLAUSE = Pattern.compile("[.,;!?()]+|\\s(?:but|though|although|however)\\s");

        static Cues of(List<Turn> window) {
            StringBuilder seeker = new StringBuilder(" ");
            StringBuilder recommender = new StringBuilder(" ");
            Set<String> seekerWords = new HashSet<>();
            Set<String> recommenderWords = new HashSet<>();
            for (Turn t : window) {
                StringBuilder out = t.role() == Role.SEEKER ? seeker : recommender;
                Set<String> said = t.role() == Role.SEEKER ? seekerWords : recommenderWords;
                // Negation reaches a few words, never past the end of its clause.
                for (String clause : CLAUSE.split(t.text().toLowerCase(Locale.ROOT))) {
                    String[] words = NON_WORD.matcher(clause).replaceAll(" ").strip().split(" ");
                    int lastNegator = -NEGATION_REACH - 1;
                    for (int i = 0; i < words.length; i++) {
                        if (NEGATORS.contains(words[i])) lastNegator = i;
                        // A negated word is replaced by a marker, so it matches no cue and joins no name.
                        String word = i - lastNegator <= NEGATION_REACH && i != lastNegator ? "~" : words[i];
                        out.append(word).append(' ');
                        said.add(word);
                    }
                    out.append("| ");
                }
            }
            return new Cues(seeker.toString(), recommender.toString(), seekerWords, recommenderWords);
        }

        /**
         * The genre families and people of a movie that the conversation names, in metadata order, and the
         * bonus: 1 per seeker mention, 0.5 per mention only the recommender made.
         */
        Match match(MovieCues movie) {
            List<String> matched = new ArrayList<>();
            double bonus = 0;
            for (GenreCue cue : movie.genres()) {
                double w = weight(cue.words());
                if (w > 0) {
                    matched.add(cue.label());
                    bonus += w;
                }
            }
            for (Person p : movie.people()) {
                double w = weight(p.needles());
                if (w > 0) {
                    matched.add(p.name());
                    bonus += w;
                }
            }
            return new Match(matched, bonus);
        }

        private double weight(Collection<String> words) {
            double w = 0;
            for (String word : words) {
                if (names(seekerWords, seekerText, word)) return 1;
                if (names(recommenderWords, recommenderText, word)) w = 0.5;
            }
            return w;
        }

        /**
         * Whether the text holds the word or phrase between spaces: a single word is one of its words (a set
         * look-up, as each candidate asks for dozens), a phrase ("time travel", a full name) is searched.
         */
        private static boolean names(Set<String> words, String text, String cue) {
            return cue.indexOf(' ') < 0 ? words.contains(cue) : text.contains(" " + cue + " ");
        }
    }

    record Match(List<String> matched, double bonus) {}

    /** A movie's distinct genre families and its director(s) and leading cast, with the words that name each. */
    record MovieCues(List<GenreCue> genres, List<Person> people) {
        static MovieCues of(Movie m) {
            Set<GenreCue> genres = new LinkedHashSet<>();
            for (String genre : m.genres()) {
                String g = genre.toLowerCase(Locale.ROOT);
                for (GenreCue cue : Cues.GENRES) {
                    if (cue.genrePattern().matcher(g).find()) {
                        genres.add(cue);
                        break;
                    }
                }
            }
            List<String> names = new ArrayList<>();
            if (!m.director().isEmpty()) {
                for (String d : m.director().split(",")) if (!d.isBlank()) names.add(d.strip());
            }
            names.addAll(m.cast().subList(0, Math.min(5, m.cast().size())));
            List<Person> people = new ArrayList<>();
            for (String name : names) {
                String full = Cues.NON_WORD.matcher(name.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
                if (full.isEmpty()) continue;
                String[] parts = full.split(" ");
                String surname = parts[parts.length - 1];
                List<String> needles = new ArrayList<>(2);
                needles.add(full);
                if (parts.length > 1 && surname.length() >= 4 && !Cues.COMMON_WORDS.contains(surname)) needles.add(surname);
                people.add(new Person(name, needles));
            }
            return new MovieCues(List.copyOf(genres), List.copyOf(people));
        }
    }

    record Person(String name, List<String> needles) {}

    private record GenreCue(String label, Pattern genrePattern, Set<String> words) {
        GenreCue(String label, String genrePattern, Set<String> words) {
            this(label, Pattern.compile(genrePattern), words);
        }
    }
}
