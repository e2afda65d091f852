package dev.rarec.generator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Movie;
import dev.rarec.data.Role;
import dev.rarec.data.Turn;
import dev.rarec.embed.TextEncoder;
import dev.rarec.util.Json;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A proxy study of {@link SemanticReranker} on the official ReDial test set, runnable before the trained
 * retrievers exist: the "retriever" is item co-occurrence in the available ReDial train conversations plus
 * a popularity prior, and the built-in generator re-ranks its top 25. It answers whether the reranker's
 * signals (conversation text, mentioned movies, genre and people cues) move targets up, and which fusion
 * weight to start tuning from. Metrics follow He et al. 2023 (one row per new target item).
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes:$(cat cp.txt) dev.rarec.generator.RerankerStudy
 * <corpusDir> <dataDir>}; writes a Markdown table to stdout.
 */
public final class RerankerStudy {
    private static final Pattern MENTION = Pattern.compile("@(\\d+)");
    private static final int K = 25;

    record Example(List<Turn> context, List<Integer> history, List<Integer> targets) {}

    public static void main(String[] args) throws IOException {
        Path corpusDir = Path.of(args[0]);
        Path data = Path.of(args[1]);
        Path cacheFile = Path.of(args.length > 2 ? args[2] : "rerank-study-embeddings.bin");
        Corpus corpus = Corpus.load(corpusDir);
        Map<String, Integer> byTitleYear = new HashMap<>();
        for (Movie m : corpus.movies()) byTitleYear.putIfAbsent(TitleMatcher.normalise(m.title()) + "|" + m.year(), m.id());

        Map<String, Integer> redialToCorpus = new HashMap<>();
        Map<String, String> redialNames = new HashMap<>();
        Map<Integer, Integer> popularity = new HashMap<>();
        Pattern titleYear = Pattern.compile("^(.*?)\\s*\\((\\d{4})\\)\\s*$");
        List<String> csv = Files.readAllLines(data.resolve("redial/original/movies_with_mentions.csv"));
        for (String line : csv.subList(1, csv.size())) {
            int first = line.indexOf(',');
            int last = line.lastIndexOf(',');
            String id = line.substring(0, first);
            String name = line.substring(first + 1, last).replaceAll("^\"|\"$", "");
            redialNames.put(id, name.replaceAll("\\s+", " ").strip());
            Matcher m = titleYear.matcher(name);
            if (!m.matches()) continue;
            Integer cid = byTitleYear.get(TitleMatcher.normalise(m.group(1)) + "|" + m.group(2));
            if (cid == null) continue;
            redialToCorpus.put(id, cid);
            popularity.merge(cid, Integer.parseInt(line.substring(last + 1).strip()), Integer::sum);
        }
        System.err.printf("mapped %d of %d ReDial movies to the corpus%n", redialToCorpus.size(), redialNames.size());

        // Validation = every fifth available train conversation; co-occurrence from the other four fifths.
        List<JsonNode> train = new ArrayList<>();
        List<JsonNode> validation = new ArrayList<>();
        for (JsonNode conv : readJsonl(data.resolve("redial/train_partial/train_partial_merged.jsonl.gz"))) {
            (Math.floorMod(conv.path("conversationId").asText().hashCode(), 5) == 0 ? validation : train).add(conv);
        }
        Map<Integer, Map<Integer, Integer>> cooc = new HashMap<>();
        for (JsonNode conv : train) {
            List<Integer> items = new ArrayList<>();
            conv.path("movieMentions").fieldNames().forEachRemaining(id -> {
                Integer c = redialToCorpus.get(id);
                if (c != null && !items.contains(c)) items.add(c);
            });
            for (int a : items) for (int b : items) if (a != b) cooc.computeIfAbsent(a, x -> new HashMap<>()).merge(b, 1, Integer::sum);
        }
        List<Integer> popular = new ArrayList<>(popularity.keySet());
        popular.sort((a, b) -> Integer.compare(popularity.get(b), popularity.get(a)));

        Split val = split("validation", validation, redialToCorpus, redialNames, cooc, popularity, popular, corpus);
        List<JsonNode> testConvs = readJsonl(data.resolve("redial/original/test_data.jsonl.gz"));
        Split test = split("test", testConvs, redialToCorpus, redialNames, cooc, popularity, popular, corpus);

        CachingEncoder encoder = new CachingEncoder(new AllMiniLmL6V2QuantizedEmbeddingModel(), cacheFile);
        Map<Integer, float[]> itemVectors = new HashMap<>();
        Set<Integer> needed = new LinkedHashSet<>(val.items());
        needed.addAll(test.items());
        long t0 = System.nanoTime();
        for (int id : needed) itemVectors.put(id, encoder.encode(List.of(corpus.get(id).keyValueText()))[0]);
        System.err.printf("embedded %d candidate and mentioned items in %.1f s%n", needed.size(), (System.nanoTime() - t0) / 1e9);
        System.out.printf("Corpus %s (%d movies, content hash %s); %d of %d ReDial movies mapped by title and year.%n%n",
                corpusDir, corpus.size(), corpus.contentHash(), redialToCorpus.size(), redialNames.size());

        encoder.save();
        // Stage 1: fusion weight, prior shape, cue and mention weights; stage 2: the turn weighting around the best.
        Map<String, SemanticReranker.Settings> grid = new LinkedHashMap<>();
        for (double w : new double[]{0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0}) {
            for (double sharp : new double[]{0, 2}) {
                for (double lex : new double[]{0, 0.05, 0.1, 0.2, 0.3}) {
                    for (double men : new double[]{0, 0.5, 1.0, 2.0}) {
                        SemanticReranker.Settings st = new SemanticReranker.Settings(w, lex, men, 6, 0.7, 0.5, sharp);
                        grid.put(describe(st), st);
                    }
                }
            }
        }
        Map<String, double[]> valScores = new LinkedHashMap<>();
        for (Map.Entry<String, SemanticReranker.Settings> c : grid.entrySet()) {
            valScores.put(c.getKey(), evaluate(new SemanticReranker(encoder, itemVectors::get, c.getValue()), val));
            if (valScores.size() == 1) encoder.save();
        }
        SemanticReranker.Settings stage1 = grid.get(valScores.entrySet().stream()
                .max((a, b) -> Double.compare(a.getValue()[2], b.getValue()[2])).orElseThrow().getKey());
        for (int turns : new int[]{2, 4, 6, 10}) {
            for (double decay : new double[]{0.5, 0.7, 0.85}) {
                for (double rec : new double[]{0.25, 0.5, 1.0}) {
                    SemanticReranker.Settings st = new SemanticReranker.Settings(stage1.fusionWeight(), stage1.lexicalWeight(),
                            stage1.mentionWeight(), turns, decay, rec, stage1.rankSharpness());
                    grid.put(describe(st), st);
                    valScores.computeIfAbsent(describe(st), k -> evaluate(new SemanticReranker(encoder, itemVectors::get, st), val));
                }
            }
        }
        encoder.save();
        String best = valScores.entrySet().stream().max((a, b) -> Double.compare(a.getValue()[2], b.getValue()[2])).orElseThrow().getKey();
        System.out.printf("Validation (%d examples, %d target rows), the 15 best of %d settings by N@10, then retriever only and the defaults:%n%n",
                val.examples().size(), val.rows(), grid.size());
        System.out.println(HEADER);
        valScores.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[2], a.getValue()[2])).limit(15)
                .forEach(e -> System.out.println(row(e.getKey(), e.getValue())));
        SemanticReranker.Settings defaults = SemanticReranker.Settings.defaults(0.5);
        System.out.println(row("retriever only (w=0)", evaluate(new SemanticReranker(encoder, itemVectors::get, 0), val)));
        for (double w : new double[]{0.4, 0.5, 0.6, 0.7}) {
            System.out.println(row("defaults, w=" + w, evaluate(new SemanticReranker(encoder, itemVectors::get, defaults.withFusionWeight(w)), val)));
        }

        System.out.printf("%nOfficial ReDial test (%d examples, %d target rows):%n%n", test.examples().size(), test.rows());
        System.out.println(HEADER);
        System.out.println(row("retriever only (w=0)", evaluate(new SemanticReranker(encoder, itemVectors::get, 0), test)));
        for (double w : new double[]{0.4, 0.5, 0.6, 0.7}) {
            System.out.println(row("defaults, w=" + w, evaluate(new SemanticReranker(encoder, itemVectors::get, defaults.withFusionWeight(w)), test)));
        }
        System.out.println(row("best on validation: " + best, evaluate(new SemanticReranker(encoder, itemVectors::get, grid.get(best)), test)));
        SemanticReranker.Settings b = grid.get(best);
        System.out.println(row("  same, no lexical cues", evaluate(new SemanticReranker(encoder, itemVectors::get,
                new SemanticReranker.Settings(b.fusionWeight(), 0, b.mentionWeight(), 6, 0.7, b.recommenderWeight(), b.rankSharpness())), test)));
        System.out.println(row("  same, no mentioned-movie vectors", evaluate(new SemanticReranker(encoder, itemVectors::get,
                new SemanticReranker.Settings(b.fusionWeight(), b.lexicalWeight(), 0, 6, 0.7, b.recommenderWeight(), b.rankSharpness())), test)));
        System.out.println(row("  same, last turn only", evaluate(new SemanticReranker(encoder, itemVectors::get,
                new SemanticReranker.Settings(b.fusionWeight(), b.lexicalWeight(), b.mentionWeight(), 1, 0.7, b.recommenderWeight(), b.rankSharpness())), test)));
        encoder.save();
    }

    private static String describe(SemanticReranker.Settings s) {
        return String.format("w=%.1f sharp=%.0f lex=%.2f mention=%.1f turns=%d decay=%.2f recommender=%.2f",
                s.fusionWeight(), s.rankSharpness(), s.lexicalWeight(), s.mentionWeight(), s.maxTurns(), s.recencyDecay(), s.recommenderWeight());
    }

    private static final String HEADER = "| setting | N@5 | R@5 | N@10 | R@10 | target in the 25 candidates |\n|---|---|---|---|---|---|";

    private static String row(String name, double[] m) {
        return String.format("| %s | %.4f | %.4f | %.4f | %.4f | %.4f |", name, m[0], m[1], m[2], m[3], m[4]);
    }

    record Split(List<Example> examples, List<List<Movie>> candidates, int rows, Set<Integer> items) {}

    private static Split split(String name, List<JsonNode> conversations, Map<String, Integer> toCorpus, Map<String, String> names,
                               Map<Integer, Map<Integer, Integer>> cooc, Map<Integer, Integer> popularity, List<Integer> popular, Corpus corpus) {
        List<Example> examples = new ArrayList<>();
        for (JsonNode conv : conversations) examples.addAll(examples(conv, toCorpus, names));
        List<List<Movie>> candidates = new ArrayList<>();
        Set<Integer> items = new LinkedHashSet<>();
        int rows = 0;
        for (Example e : examples) {
            List<Movie> c = retrieve(e.history(), cooc, popularity, popular).stream().map(corpus::get).toList();
            candidates.add(c);
            for (Movie m : c) items.add(m.id());
            items.addAll(e.history());
            rows += e.targets().size();
        }
        System.err.printf("%s: %d conversations, %d examples, %d target rows%n", name, conversations.size(), examples.size(), rows);
        return new Split(examples, candidates, rows, items);
    }

    /** Mean N@5, R@5, N@10, R@10 and R@25 over target rows (He et al. 2023). */
    private static double[] evaluate(Generator generator, Split split) {
        double[] sums = new double[5];
        for (int i = 0; i < split.examples().size(); i++) {
            Example e = split.examples().get(i);
            List<Integer> ranked = generator.rank(e.context(), split.candidates().get(i)).items();
            for (int target : e.targets()) {
                int r = ranked.indexOf(target);
                if (r < 0) continue;
                if (r < 5) {
                    sums[0] += 1 / log2(r + 2);
                    sums[1] += 1;
                }
                if (r < 10) {
                    sums[2] += 1 / log2(r + 2);
                    sums[3] += 1;
                }
                sums[4] += 1;
            }
        }
        for (int j = 0; j < sums.length; j++) sums[j] /= split.rows();
        return sums;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** Top K by co-occurrence with the history, ties by popularity; history items excluded. */
    private static List<Integer> retrieve(List<Integer> history, Map<Integer, Map<Integer, Integer>> cooc,
                                          Map<Integer, Integer> popularity, List<Integer> popular) {
        Map<Integer, Double> score = new HashMap<>();
        for (int h : history) {
            for (Map.Entry<Integer, Integer> e : cooc.getOrDefault(h, Map.of()).entrySet()) score.merge(e.getKey(), (double) e.getValue(), Double::sum);
        }
        for (int i = 0; i < 200 && i < popular.size(); i++) score.merge(popular.get(i), 0.0, Double::sum);
        List<Integer> items = new ArrayList<>(score.keySet());
        items.removeAll(history);
        items.sort((a, b) -> {
            int c = Double.compare(score.get(b) + 1e-3 * Math.log1p(popularity.getOrDefault(b, 0)),
                    score.get(a) + 1e-3 * Math.log1p(popularity.getOrDefault(a, 0)));
            return c != 0 ? c : Integer.compare(a, b);
        });
        return items.subList(0, Math.min(K, items.size()));
    }

    private static List<Example> examples(JsonNode conv, Map<String, Integer> toCorpus, Map<String, String> names) {
        int seeker = conv.path("initiatorWorkerId").asInt();
        Map<String, String> mentionNames = new HashMap<>(names);
        conv.path("movieMentions").fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) mentionNames.put(e.getKey(), e.getValue().asText().replaceAll("\\s+", " ").strip());
        });
        List<Turn> turns = new ArrayList<>();
        Role lastRole = null;
        StringBuilder text = new StringBuilder();
        List<Integer> items = new ArrayList<>();
        for (JsonNode msg : conv.path("messages")) {
            Role role = msg.path("senderWorkerId").asInt() == seeker ? Role.SEEKER : Role.RECOMMENDER;
            if (lastRole != null && role != lastRole) {
                turns.add(new Turn(lastRole, text.toString().strip(), items));
                text = new StringBuilder();
                items = new ArrayList<>();
            }
            lastRole = role;
            String raw = msg.path("text").asText().replace("&quot;", "\"").replace("&amp;", "&");
            Matcher m = MENTION.matcher(raw);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                Integer c = toCorpus.get(m.group(1));
                if (c != null && !items.contains(c)) items.add(c);
                m.appendReplacement(sb, Matcher.quoteReplacement(mentionNames.getOrDefault(m.group(1), "a movie")));
            }
            m.appendTail(sb);
            text.append(' ').append(sb);
        }
        if (lastRole != null) turns.add(new Turn(lastRole, text.toString().strip(), items));
        List<Example> out = new ArrayList<>();
        Set<Integer> seen = new LinkedHashSet<>();
        for (int t = 0; t < turns.size(); t++) {
            Turn turn = turns.get(t);
            if (turn.role() == Role.RECOMMENDER && t > 0) {
                List<Integer> targets = turn.items().stream().filter(i -> !seen.contains(i)).toList();
                if (!targets.isEmpty()) out.add(new Example(List.copyOf(turns.subList(0, t)), List.copyOf(seen), targets));
            }
            seen.addAll(turn.items());
        }
        return out;
    }

    private static List<JsonNode> readJsonl(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) if (!line.isBlank()) out.add(Json.MAPPER.readTree(line));
        }
        return out;
    }

    /** MiniLM through langchain4j, each distinct text embedded once, kept in a file between runs. */
    static final class CachingEncoder implements TextEncoder {
        private final EmbeddingModel model;
        private final Path file;
        private final Map<String, float[]> cache = new ConcurrentHashMap<>();

        CachingEncoder(EmbeddingModel model, Path file) throws IOException {
            this.model = model;
            this.file = file;
            if (Files.exists(file)) {
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                    int n = in.readInt();
                    for (int i = 0; i < n; i++) {
                        String text = in.readUTF();
                        float[] v = new float[in.readInt()];
                        for (int d = 0; d < v.length; d++) v[d] = in.readFloat();
                        cache.put(text, v);
                    }
                }
            }
        }

        void save() throws IOException {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeInt(cache.size());
                for (Map.Entry<String, float[]> e : cache.entrySet()) {
                    out.writeUTF(e.getKey().length() > 20000 ? e.getKey().substring(0, 20000) : e.getKey());
                    out.writeInt(e.getValue().length);
                    for (float x : e.getValue()) out.writeFloat(x);
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        public String modelId() {
            return "all-minilm-l6-v2-q";
        }

        @Override
        public int dimension() {
            return model.dimension();
        }

        @Override
        public float[][] encode(List<String> texts) {
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < texts.size(); i++) {
                out[i] = cache.computeIfAbsent(texts.get(i), t -> {
                    float[] v = model.embed(TextSegment.from(t)).content().vector();
                    double n = 0;
                    for (float x : v) n += x * x;
                    for (int d = 0; d < v.length; d++) v[d] /= (float) Math.sqrt(n);
                    return v;
                });
            }
            return out;
        }
    }
}
