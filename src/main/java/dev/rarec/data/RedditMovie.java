package dev.rarec.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rarec.corpus.Corpus;
import dev.rarec.util.DataDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reddit-Movie (He et al., CIKM'23). Its items are keyed by IMDb id: the vocabulary
 * ({@code entity2id.json}) maps "Title (Year)" to {@code tt…}, and the conversation samples use the
 * same turn-level format as the He et al. ReDial/INSPIRED test files with IMDb ids in {@code rec}
 * and {@code prev_entity}. The conversations are not in the data dir (HuggingFace only), so only
 * the reader exists; it is tested on a fixture.
 */
public final class RedditMovie {
    public static final String OFFICIAL_SOURCE = "https://github.com/AaronHeee/LLMs-as-Zero-Shot-Conversational-RecSys (data/reddit); "
            + "conversations: https://huggingface.co/datasets/ZhankuiHe/reddit_cikm";

    private RedditMovie() {}

    /** The item vocabulary: "Title (Year)" → IMDb id, in file order. */
    public static Map<String, String> vocabulary(Path entity2id) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode root = EntityLinker.readJson(entity2id);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText(""));
        }
        return out;
    }

    /** How many vocabulary items link to the corpus (by IMDb id, else by "Title (Year)"). */
    public static LinkStats vocabularyLinks(Corpus corpus, Path dataDir) {
        Path file = DataDir.require(dataDir, "reddit_movie/he2023_cikm/entity2id.json.gz", OFFICIAL_SOURCE);
        EntityLinker linker = Datasets.linker(corpus, dataDir);
        LinkCounter counter = new LinkCounter();
        for (Map.Entry<String, String> e : vocabulary(file).entrySet()) {
            Optional<Integer> hit = linker.imdb(e.getValue());
            if (hit.isEmpty()) hit = linker.title(e.getKey());
            counter.count(hit, e.getKey() + " " + e.getValue());
        }
        return counter.stats();
    }

    /**
     * Reads turn-level Reddit-Movie samples ({@code test.jsonl} of He et al.): rec/prev_entity hold
     * IMDb ids (or vocabulary titles); every id is a movie.
     */
    public static CrsDataset read(Path samples, String split, Path entity2id, Corpus corpus, Path dataDir) {
        EntityLinker linker = Datasets.linker(corpus, dataDir);
        Map<String, String> titleOf = new HashMap<>();
        Map<String, String> imdbOf = vocabulary(entity2id);
        imdbOf.forEach((title, imdb) -> titleOf.putIfAbsent(imdb, title));
        Map<String, Optional<Integer>> cache = new HashMap<>();
        LinkCounter counter = new LinkCounter();
        HeTestReader.Samples s = new HeTestReader().read(samples, e -> true, e -> cache.computeIfAbsent(e.asText(""), id -> {
            String imdb = id.startsWith("tt") ? id : imdbOf.getOrDefault(id, "");
            Optional<Integer> hit = imdb.isEmpty() ? Optional.empty() : linker.imdb(imdb);
            if (hit.isEmpty()) hit = linker.title(titleOf.getOrDefault(id, id));
            return hit;
        }), e -> e.asText("") + " " + titleOf.getOrDefault(e.asText(""), ""), counter);
        return new CrsDataset("reddit", split, s.conversations(), s.examples(), counter.stats());
    }
}
