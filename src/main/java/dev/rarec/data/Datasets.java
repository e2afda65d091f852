package dev.rarec.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Csv;
import dev.rarec.corpus.TextFiles;
import dev.rarec.corpus.TitleIndex;
import dev.rarec.corpus.Titles;
import dev.rarec.util.DataDir;
import dev.rarec.util.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The conversational datasets by name and split (see docs/data.md for how each split is made):
 * <ul>
 *   <li>{@code redial}: test = the official test set; train/valid = the available part of the
 *       official train, valid being the conversations of iEvaLM's 10 % validation copy.</li>
 *   <li>{@code redial-seq}: train/valid = the ReDial mention-sequence lists (no text) as examples
 *       with empty context, minus every conversation of redial valid and test.</li>
 *   <li>{@code inspired}: train = the 100 available train dialogues (UniCRS format), valid = dev,
 *       test = test (original TSV).</li>
 *   <li>{@code redial-he}, {@code inspired-he}: test = He et al. (CIKM'23) turn-level test samples.</li>
 * </ul>
 */
public final class Datasets {
    private static final String IEVALM_VALID = "tnt305/iEvaLM-CRS:data/redial/valid_data.jsonl";
    private static final Map<String, List<String>> SPLITS = new LinkedHashMap<>();

    static {
        SPLITS.put("redial", List.of("train", "valid", "test"));
        SPLITS.put("redial-seq", List.of("train", "valid"));
        SPLITS.put("inspired", List.of("train", "valid", "test"));
        SPLITS.put("redial-he", List.of("test"));
        SPLITS.put("inspired-he", List.of("test"));
    }

    private static final Map<Corpus, Map<Path, EntityLinker>> LINKERS = Collections.synchronizedMap(new IdentityHashMap<>());

    private Datasets() {}

    /** Dataset name → its splits, in the order {@code rarec data stats} prints them. */
    public static Map<String, List<String>> splits() {
        return Collections.unmodifiableMap(SPLITS);
    }

    public static CrsDataset load(String name, String split, Corpus corpus, Path dataDir) {
        List<String> splits = SPLITS.get(name);
        if (splits == null) throw new IllegalArgumentException("unknown dataset '" + name + "'; known: " + SPLITS.keySet());
        if (!splits.contains(split)) throw new IllegalArgumentException("dataset " + name + " has no split '" + split + "'; it has " + splits);
        EntityLinker linker = linker(corpus, dataDir);
        return switch (name) {
            case "redial" -> redial(split, linker, dataDir);
            case "redial-seq" -> redialSequences(split, linker, dataDir);
            case "inspired" -> inspired(split, linker, dataDir);
            case "redial-he" -> redialHe(linker, dataDir);
            case "inspired-he" -> inspiredHe(linker, dataDir);
            default -> throw new IllegalStateException(name);
        };
    }

    /** The linker of this corpus and data dir (built once: it holds the title index and the id tables). */
    public static EntityLinker linker(Corpus corpus, Path dataDir) {
        Path key = dataDir.toAbsolutePath().normalize();
        synchronized (LINKERS) {
            return LINKERS.computeIfAbsent(corpus, c -> new HashMap<>())
                    .computeIfAbsent(key, k -> new EntityLinker(corpus, TitleIndex.of(corpus), dataDir));
        }
    }

    /** The ReDial file a split is read from: the official test file, or the available train part (train and valid). */
    public static Path redialFile(Path dataDir, String split) {
        return split.equals("test")
                ? DataDir.require(dataDir, "redial/original/test_data.jsonl.gz", ReDialReader.OFFICIAL_SOURCE)
                : DataDir.require(dataDir, "redial/train_partial/train_partial_merged.jsonl.gz", ReDialReader.OFFICIAL_SOURCE);
    }

    private static CrsDataset redial(String split, EntityLinker linker, Path dataDir) {
        LinkCounter counter = new LinkCounter();
        ReDialReader reader = new ReDialReader(linker);
        Path file = redialFile(dataDir, split);
        boolean valid = split.equals("valid");
        List<Conversation> conversations = split.equals("test")
                ? reader.read(file, n -> true, counter)
                : reader.read(file, n -> inIevalmValid(n) == valid, counter);
        return cut("redial", split, conversations, counter);
    }

    private static boolean inIevalmValid(JsonNode node) {
        for (JsonNode s : node.path("_sources")) if (s.asText().equals(IEVALM_VALID)) return true;
        return false;
    }

    private static CrsDataset cut(String name, String split, List<Conversation> conversations, LinkCounter counter) {
        List<CrsExample> examples = new ArrayList<>();
        for (Conversation c : conversations) {
            CrsExamples.Cut cut = CrsExamples.cut(c);
            examples.addAll(cut.examples());
            counter.withoutTargets += cut.turnsWithoutTargets();
        }
        return new CrsDataset(name, split, conversations, examples, counter.stats());
    }

    private static CrsDataset inspired(String split, EntityLinker linker, Path dataDir) {
        LinkCounter counter = new LinkCounter();
        InspiredReader reader = new InspiredReader(linker);
        List<Conversation> conversations = switch (split) {
            case "train" -> reader.readUniCrs(DataDir.require(dataDir, "inspired/unicrs_format/train_partial_100.jsonl.gz",
                    InspiredReader.OFFICIAL_SOURCE), "inspired-train-", counter);
            case "valid" -> reader.readTsv(DataDir.require(dataDir, "inspired/original/dialog_data/dev.tsv.gz", InspiredReader.OFFICIAL_SOURCE), counter);
            default -> reader.readTsv(DataDir.require(dataDir, "inspired/original/dialog_data/test.tsv.gz", InspiredReader.OFFICIAL_SOURCE), counter);
        };
        return cut("inspired", split, conversations, counter);
    }

    /** INSPIRED read from the UniCRS jsonl instead of the original TSV (dev or test), for cross-checks. */
    public static CrsDataset inspiredUniCrs(String split, Corpus corpus, Path dataDir) {
        String file = switch (split) {
            case "train" -> "train_partial_100";
            case "valid" -> "dev";
            case "test" -> "test";
            default -> throw new IllegalArgumentException("inspired has no split '" + split + "'");
        };
        LinkCounter counter = new LinkCounter();
        List<Conversation> conversations = new InspiredReader(linker(corpus, dataDir)).readUniCrs(
                DataDir.require(dataDir, "inspired/unicrs_format/" + file + ".jsonl.gz", InspiredReader.OFFICIAL_SOURCE),
                "inspired-" + split + "-", counter);
        return cut("inspired-unicrs", split, conversations, counter);
    }

    private static CrsDataset inspiredHe(EntityLinker linker, Path dataDir) {
        Path test = DataDir.require(dataDir, "inspired/he2023_cikm_eval/test.jsonl.gz", HeTestReader.OFFICIAL_SOURCE);
        Map<Integer, String> entities = HeTestReader.entities(DataDir.require(dataDir, "inspired/he2023_cikm_eval/entity2id.json.gz", HeTestReader.OFFICIAL_SOURCE));
        Set<Integer> items = HeTestReader.items(DataDir.require(dataDir, "inspired/he2023_cikm_eval/item_ids.json", HeTestReader.OFFICIAL_SOURCE));
        Map<Integer, Optional<Integer>> cache = new HashMap<>();
        LinkCounter counter = new LinkCounter();
        HeTestReader.Samples s = new HeTestReader().read(test, e -> items.contains(e.asInt()),
                e -> cache.computeIfAbsent(e.asInt(), k -> linker.dbpedia(entities.getOrDefault(k, ""))),
                e -> entities.getOrDefault(e.asInt(), "entity " + e.asText()), counter);
        return new CrsDataset("inspired-he", "test", s.conversations(), s.examples(), counter.stats());
    }

    /**
     * He et al.'s ReDial items are DBpedia entities. Their samples are cut from the official test
     * conversations (dialog_id = test_conversationId, turn_id = messageId), so each entity is first
     * aligned with the ReDial movieId it co-occurs with in those messages (the majority id); the
     * DBpedia URI is the fallback.
     */
    private static CrsDataset redialHe(EntityLinker linker, Path dataDir) {
        Path test = DataDir.require(dataDir, "redial/he2023_cikm_eval/test.jsonl.gz", HeTestReader.OFFICIAL_SOURCE);
        Map<Integer, String> entities = HeTestReader.entities(DataDir.require(dataDir, "redial/he2023_cikm_eval/entity2id.json.gz", HeTestReader.OFFICIAL_SOURCE));
        Set<Integer> items = HeTestReader.items(DataDir.require(dataDir, "redial/he2023_cikm_eval/item_ids.json", HeTestReader.OFFICIAL_SOURCE));
        Map<Integer, Optional<Integer>> aligned = alignWithReDial(test,
                DataDir.require(dataDir, "redial/original/test_data.jsonl.gz", ReDialReader.OFFICIAL_SOURCE), linker, entities);
        Map<Integer, Optional<Integer>> cache = new HashMap<>();
        LinkCounter counter = new LinkCounter();
        HeTestReader.Samples s = new HeTestReader().read(test, e -> items.contains(e.asInt()), e -> cache.computeIfAbsent(e.asInt(), k -> {
            Optional<Integer> a = aligned.getOrDefault(k, Optional.empty());
            return a.isPresent() ? a : linker.dbpedia(entities.getOrDefault(k, ""));
        }), e -> entities.getOrDefault(e.asInt(), "entity " + e.asText()), counter);
        return new CrsDataset("redial-he", "test", s.conversations(), s.examples(), counter.stats());
    }

    private static final Pattern MENTION = Pattern.compile("@(\\d+)");

    private static Map<Integer, Optional<Integer>> alignWithReDial(Path heTest, Path redialTest, EntityLinker linker, Map<Integer, String> entities) {
        Map<String, JsonNode> conversations = new HashMap<>();
        forEachJson(redialTest, n -> conversations.put(n.path("conversationId").asText(), n));
        Map<Integer, Map<String, Integer>> cooccur = new HashMap<>();
        Map<String, String> titleOf = new HashMap<>();
        forEachJson(heTest, s -> {
            String dialog = s.path("dialog_id").asText("");
            JsonNode conv = conversations.get(dialog.startsWith("test_") ? dialog.substring(5) : dialog);
            if (conv == null) return;
            Set<String> ids = mentionsOfTurn(conv, s.path("turn_id").asLong());
            conv.path("movieMentions").fields().forEachRemaining(e -> titleOf.putIfAbsent(e.getKey(), Titles.collapse(e.getValue().asText(""))));
            for (JsonNode r : s.path("rec")) {
                Map<String, Integer> c = cooccur.computeIfAbsent(r.asInt(), k -> new TreeMap<>());
                for (String id : ids) c.merge(id, 1, Integer::sum);
            }
        });
        Map<Integer, Optional<Integer>> out = new HashMap<>();
        for (Map.Entry<Integer, Map<String, Integer>> e : cooccur.entrySet()) {
            int max = e.getValue().values().stream().mapToInt(Integer::intValue).max().orElse(0);
            List<String> top = e.getValue().entrySet().stream().filter(x -> x.getValue() == max).map(Map.Entry::getKey).toList();
            Optional<Integer> viaUri = linker.dbpedia(entities.getOrDefault(e.getKey(), ""));
            Optional<Integer> chosen = Optional.empty();
            for (String id : top) {
                Optional<Integer> c = linker.redial(id, titleOf.getOrDefault(id, ""));
                if (top.size() == 1 || c.equals(viaUri)) {
                    chosen = c;
                    break;
                }
            }
            out.put(e.getKey(), chosen);
        }
        return out;
    }

    /** The @ids of the message with this id and of the same sender's messages right after it. */
    private static Set<String> mentionsOfTurn(JsonNode conv, long messageId) {
        Set<String> ids = new LinkedHashSet<>();
        long sender = Long.MIN_VALUE;
        boolean inTurn = false;
        for (JsonNode m : conv.path("messages")) {
            if (!inTurn && m.path("messageId").asLong() == messageId) {
                inTurn = true;
                sender = m.path("senderWorkerId").asLong();
            } else if (inTurn && m.path("senderWorkerId").asLong() != sender) {
                break;
            }
            if (inTurn) {
                Matcher x = MENTION.matcher(m.path("text").asText(""));
                while (x.find()) ids.add(x.group(1));
            }
        }
        return ids;
    }

    private static void forEachJson(Path file, java.util.function.Consumer<JsonNode> each) {
        try (BufferedReader r = TextFiles.open(file)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) continue;
                try {
                    each.accept(Json.MAPPER.readTree(line));
                } catch (IOException e) {
                    // the dataset readers report malformed lines of these files; alignment just skips them
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * The ReDial mention-sequence lists: per conversation, the movies in order of mention (no
     * text). Example k: historyItems = the first k movies, target = movie k+1 (when not mentioned
     * before). Conversations of redial valid and test are excluded so nothing leaks into them.
     */
    private static CrsDataset redialSequences(String split, EntityLinker linker, Path dataDir) {
        String src = "https://github.com/Vachonni/ReDial_CF2_MLP_dot (Data/DataReDial)";
        Path list = DataDir.require(dataDir, "redial/mention_sequences_vachonni/" + (split.equals("train") ? "Train" : "Val") + "_LIST.csv.gz", src);
        Path index = DataDir.require(dataDir, "redial/mention_sequences_vachonni/redorid_index.tsv", src);
        Set<String> excluded = new HashSet<>();
        Path partial = DataDir.require(dataDir, "redial/train_partial/train_partial_merged.jsonl.gz", ReDialReader.OFFICIAL_SOURCE);
        forEachJson(partial, n -> {
            if (inIevalmValid(n)) excluded.add(n.path("conversationId").asText());
        });
        forEachJson(DataDir.require(dataDir, "redial/original/test_data.jsonl.gz", ReDialReader.OFFICIAL_SOURCE),
                n -> excluded.add(n.path("conversationId").asText()));
        LinkCounter counter = new LinkCounter();
        Map<String, Optional<Integer>> byReDOrId = new HashMap<>();
        try (Csv csv = Csv.openTsv(index, true)) {
            for (Optional<Csv.Row> r = csv.next(); r.isPresent(); r = csv.next()) {
                Csv.Row row = r.get();
                String redialId = row.get("redial_movieId").strip();
                String title = row.get("title_genres_string");
                int cut = title.indexOf(".  Genres:");
                title = title.startsWith("Title: ") ? title.substring(7, cut > 0 ? cut : title.length()) : title;
                Optional<Integer> link = redialId.isEmpty() || redialId.equals("-1") ? linker.title(title) : linker.redial(redialId, "");
                if (link.isEmpty()) link = linker.title(title);
                byReDOrId.put(row.get("ReDOrId").strip(), link);
            }
        }
        Map<String, List<String>> firstRow = new LinkedHashMap<>();
        Map<String, Integer> firstQt = new HashMap<>();
        try (Csv csv = Csv.open(list)) {
            for (Optional<Csv.Row> r = csv.next(); r.isPresent(); r = csv.next()) {
                Csv.Row row = r.get();
                String conv = row.get("ConvID").strip();
                int qt;
                List<String> movies;
                try {
                    qt = Integer.parseInt(row.get("qt_movies_mentioned").strip());
                    movies = listOfInts(row.get("movie_ReDOrId"));
                } catch (IllegalArgumentException e) {
                    counter.bad(list.toString(), row.line(), "field qt_movies_mentioned or movie_ReDOrId malformed: " + e.getMessage());
                    continue;
                }
                if (excluded.contains(conv)) continue;
                if (!firstQt.containsKey(conv) || qt < firstQt.get(conv)) {
                    firstQt.put(conv, qt);
                    firstRow.put(conv, movies);
                }
            }
        }
        List<Conversation> conversations = new ArrayList<>();
        List<CrsExample> examples = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : firstRow.entrySet()) {
            LinkedHashSet<Integer> sequence = new LinkedHashSet<>();
            for (String r : e.getValue()) counter.count(byReDOrId.getOrDefault(r, Optional.empty()), "ReDOrId " + r).ifPresent(sequence::add);
            List<Integer> seq = new ArrayList<>(sequence);
            String id = "redial-seq-" + e.getKey();
            conversations.add(new Conversation(id, List.of(new Turn(Role.SEEKER, "", seq))));
            for (int k = 1; k < seq.size(); k++) {
                List<Integer> history = seq.subList(Math.max(0, k - CrsExample.MAX_HISTORY), k);
                examples.add(new CrsExample(id, k, List.of(), history, List.of(seq.get(k))));
            }
        }
        return new CrsDataset("redial-seq", split, conversations, examples, counter.stats());
    }

    private static List<String> listOfInts(String cell) {
        String s = cell.strip();
        if (!s.startsWith("[") || !s.endsWith("]")) throw new IllegalArgumentException("not a list: " + cell);
        List<String> out = new ArrayList<>();
        for (String p : s.substring(1, s.length() - 1).split(",")) {
            String t = p.strip();
            if (t.isEmpty()) continue;
            Integer.parseInt(t);
            out.add(t);
        }
        return out;
    }
}
