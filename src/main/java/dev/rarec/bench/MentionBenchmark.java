package dev.rarec.bench;

import dev.rarec.data.Datasets;
import dev.rarec.data.EntityLinker;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.MentionDetector;
import dev.rarec.corpus.TextFiles;
import dev.rarec.corpus.Titles;
import dev.rarec.util.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures a {@link MentionDetector} on ReDial messages (issue 2, item 6). Each {@code @movieId}
 * is replaced by its title the way a person might type it, chosen per mention with a seeded
 * random source: 40 % "Title (Year)" as the conversation writes it, 30 % the title without the
 * year as written, 30 % the title without the year in lower case. The gold mentions of a message
 * are the corpus ids its {@code @movieId}s link to; precision and recall are micro-averaged over
 * all messages (messages without any mention count for precision too). Titles people typed
 * without the {@code @} marker are not gold, so detecting them counts against precision.
 */
public final class MentionBenchmark {
    private static final Pattern MENTION = Pattern.compile("@(\\d+)");

    private MentionBenchmark() {}

    /** The outcome, with a few errors to look at. */
    public record Result(String split, int messages, int gold, int predicted, int truePositives, int namedElsewhere,
                         Map<String, double[]> recallByForm, List<String> falsePositives, List<String> falseNegatives) {
        public double precision() {
            return predicted == 0 ? 1.0 : truePositives / (double) predicted;
        }

        /**
         * Precision when a detection of a movie that the same conversation marks with {@code @}
         * in another message also counts as correct: people often type a title already named.
         */
        public double precisionConversationLevel() {
            return predicted == 0 ? 1.0 : (truePositives + namedElsewhere) / (double) predicted;
        }

        public double recall() {
            return gold == 0 ? 1.0 : truePositives / (double) gold;
        }
    }

    /** @param split {@code test} (official test) or {@code train} (the available train part, used for tuning) */
    public static Result run(MentionDetector detector, Corpus corpus, Path dataDir, String split, long seed) {
        Path file = Datasets.redialFile(dataDir, split);
        EntityLinker linker = Datasets.linker(corpus, dataDir);
        Random random = new Random(seed);
        String[] forms = {"title (year)", "title", "lower-case title"};
        int[][] byForm = new int[3][2];
        int messages = 0;
        int gold = 0;
        int predicted = 0;
        int tp = 0;
        int elsewhere = 0;
        List<String> fps = new ArrayList<>();
        List<String> fns = new ArrayList<>();
        try (BufferedReader r = TextFiles.open(file)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) continue;
                JsonNode conv;
                try {
                    conv = Json.MAPPER.readTree(line);
                } catch (IOException e) {
                    continue;
                }
                JsonNode titles = conv.path("movieMentions");
                Set<Integer> conversationIds = new HashSet<>();
                for (JsonNode msg : conv.path("messages")) {
                    Matcher all = MENTION.matcher(msg.path("text").asText(""));
                    while (all.find()) {
                        String id = all.group(1);
                        String title = Titles.collapse(titles.path(id).asText(""));
                        linker.redial(id, title.isEmpty() ? linker.redialName(id).orElse("") : title).ifPresent(conversationIds::add);
                    }
                }
                for (JsonNode msg : conv.path("messages")) {
                    String raw = Titles.collapse(msg.path("text").asText(""));
                    Matcher m = MENTION.matcher(raw);
                    StringBuilder text = new StringBuilder();
                    Set<Integer> goldIds = new HashSet<>();
                    Map<Integer, Integer> formOf = new LinkedHashMap<>();
                    int last = 0;
                    while (m.find()) {
                        String id = m.group(1);
                        String title = Titles.collapse(titles.path(id).asText(""));
                        if (title.isEmpty()) title = linker.redialName(id).orElse("");
                        Optional<Integer> link = linker.redial(id, title);
                        int form = random.nextInt(10) < 4 ? 0 : random.nextInt(10) < 5 ? 1 : 2;
                        Titles.TitleYear ty = Titles.parse(title);
                        String written = switch (form) {
                            case 0 -> title;
                            case 1 -> ty.title();
                            default -> ty.title().toLowerCase(Locale.ROOT);
                        };
                        text.append(raw, last, m.start()).append(written);
                        last = m.end();
                        if (link.isPresent() && goldIds.add(link.get())) formOf.put(link.get(), form);
                    }
                    text.append(raw, last, raw.length());
                    List<Integer> found = detector.detect(text.toString());
                    messages++;
                    gold += goldIds.size();
                    predicted += found.size();
                    for (int f : found) {
                        if (goldIds.contains(f)) tp++;
                        else if (conversationIds.contains(f)) elsewhere++;
                        else if (fps.size() < 5000) fps.add(corpus.get(f).displayTitle() + "  <=  " + text);
                    }
                    for (Map.Entry<Integer, Integer> g : formOf.entrySet()) {
                        boolean hit = found.contains(g.getKey());
                        byForm[g.getValue()][0]++;
                        if (hit) byForm[g.getValue()][1]++;
                        else if (fns.size() < 5000) fns.add("[" + forms[g.getValue()] + "] " + corpus.get(g.getKey()).displayTitle() + "  <=  " + text);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, double[]> recallByForm = new LinkedHashMap<>();
        for (int f = 0; f < 3; f++) recallByForm.put(forms[f], new double[] {byForm[f][0], byForm[f][0] == 0 ? 0 : byForm[f][1] / (double) byForm[f][0]});
        return new Result(split, messages, gold, predicted, tp, elsewhere, recallByForm, fps, fns);
    }
}
