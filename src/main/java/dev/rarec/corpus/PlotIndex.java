package dev.rarec.corpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which films' plots say the words of a request: BM25 over the corpus' plot summaries.
 *
 * <p>The item embeddings read a film's metadata cut at the encoder's token limit (64 tokens in the
 * quickstart), and title, year, genres, director and cast fill most of it, so a plot's subject rarely
 * reaches them: "a movie about sharks" found documentaries titled "Sharks" and never Jaws, whose plot
 * says "a man-eating great white shark" in its second sentence. A plot index reads the whole summary.
 *
 * <p>A summary's words that are its own title's are not indexed. Words are lower-cased letters, with a plural's "s" removed ("sharks" → "shark", "zombies" →
 * "zombie"); common English words and the words every plot uses for itself ("film", "directed") are not
 * indexed, and a word in more than {@link #MAX_DOCUMENT_SHARE} of the plots says nothing.
 */
public final class PlotIndex {
    static final double K1 = 1.2;
    /** Less length normalisation than BM25's usual 0.75: a long summary of a famous film mentions its subject once or twice. */
    static final double B = 0.5;
    /** A word in more plots than this share ("story", "life") does not pick films out. */
    static final double MAX_DOCUMENT_SHARE = 0.05;

    private static final Set<String> STOP_WORDS = Set.of(
            "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "had", "her", "was", "one", "our", "out",
            "has", "him", "his", "how", "its", "may", "new", "now", "old", "see", "two", "way", "who", "did", "get", "let",
            "she", "too", "use", "that", "with", "have", "this", "will", "your", "from", "they", "know", "want", "been",
            "good", "much", "some", "time", "very", "when", "come", "here", "just", "like", "long", "make", "many", "more",
            "only", "over", "such", "take", "than", "them", "well", "were", "what", "into", "also", "about", "after",
            "their", "there", "these", "those", "which", "while", "would", "could", "should", "other", "where", "being",
            "something", "anything", "movie", "film", "watch", "watched", "seen", "recommend", "recommendation", "please",
            "looking", "love", "loved", "liked", "enjoy", "enjoyed", "really", "great", "best", "favorite", "favourite",
            "star", "starring", "directed", "director", "american", "british", "released", "based", "written", "produced",
            "follow", "follows", "story", "tell", "tells", "thing", "things", "kind", "sort", "maybe", "think", "thanks",
            "thank", "hello", "hey", "yes", "yeah", "okay", "sure", "need", "give", "similar", "suggest", "show");

    private final Map<String, int[]> postings;
    private final Map<String, int[]> frequencies;
    private final int[] length;
    private final double averageLength;
    private final int documents;

    private PlotIndex(Map<String, int[]> postings, Map<String, int[]> frequencies, int[] length, int documents) {
        this.postings = postings;
        this.frequencies = frequencies;
        this.length = length;
        this.documents = documents;
        long total = 0;
        for (int l : length) total += l;
        this.averageLength = documents == 0 ? 1 : (double) total / documents;
    }

    public static PlotIndex of(Corpus corpus) {
        int n = corpus.size();
        int[] length = new int[n];
        Map<String, IntList> docs = new HashMap<>();
        Map<String, IntList> tfs = new HashMap<>();
        int documents = 0;
        Map<String, Integer> counts = new HashMap<>();
        for (Movie m : corpus.movies()) {
            if (m.plot().isEmpty()) continue;
            documents++;
            counts.clear();
            // A summary names its own film ("Scary Movie 3 is a 2003 horror comedy ... in the Scary Movie franchise"):
            // those words say what the film is called, not what it is about, and the text embedding reads titles already.
            List<String> words = words(m.plot());
            words.removeAll(Set.copyOf(words(m.title())));
            length[m.id()] = words.size();
            for (String w : words) counts.merge(w, 1, Integer::sum);
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                docs.computeIfAbsent(e.getKey(), k -> new IntList()).add(m.id());
                tfs.computeIfAbsent(e.getKey(), k -> new IntList()).add(e.getValue());
            }
        }
        Map<String, int[]> postings = new HashMap<>();
        Map<String, int[]> frequencies = new HashMap<>();
        int maxDocs = Math.max(1, (int) (MAX_DOCUMENT_SHARE * documents));
        for (Map.Entry<String, IntList> e : docs.entrySet()) {
            if (e.getValue().size > maxDocs) continue;
            postings.put(e.getKey(), e.getValue().toArray());
            frequencies.put(e.getKey(), tfs.get(e.getKey()).toArray());
        }
        return new PlotIndex(postings, frequencies, length, documents);
    }

    /** The words of {@code text} this index reads, in order of first appearance. */
    public List<String> queryWords(String text) {
        List<String> out = new ArrayList<>(new LinkedHashSet<>(words(text)));
        out.removeIf(w -> !postings.containsKey(w));
        return out;
    }

    /** Each film's BM25 score for the words of {@code text}: 0 for films whose plot says none of them. */
    public float[] scores(String text) {
        float[] out = new float[length.length];
        for (String w : queryWords(text)) {
            int[] ids = postings.get(w);
            int[] tf = frequencies.get(w);
            double idf = Math.log(1 + (documents - ids.length + 0.5) / (ids.length + 0.5));
            for (int k = 0; k < ids.length; k++) {
                double norm = tf[k] + K1 * (1 - B + B * length[ids[k]] / averageLength);
                out[ids[k]] += (float) (idf * tf[k] * (K1 + 1) / norm);
            }
        }
        return out;
    }

    /** Lower-case words of three letters or more, plurals made singular, stop words left out. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        String s = text.toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < s.length()) {
            if (!Character.isLetter(s.charAt(i))) {
                i++;
                continue;
            }
            int j = i;
            while (j < s.length() && (Character.isLetter(s.charAt(j)) || s.charAt(j) == '\'')) j++;
            String w = singular(s.substring(i, j).replace("'", ""));
            if (w.length() >= 3 && !STOP_WORDS.contains(w)) out.add(w);
            i = j;
        }
        return out;
    }

    /** "sharks" → "shark", "zombies" → "zombie", "heists" → "heist"; "boss", "virus" and "series" stay. */
    static String singular(String w) {
        if (w.length() <= 3 || !w.endsWith("s") || w.endsWith("ss") || w.endsWith("us") || w.endsWith("is")
                || w.endsWith("ies") && w.length() <= 5 || w.equals("series")) return w;
        return w.substring(0, w.length() - 1);
    }

    /** A growable int array: the postings of 113,000 plots in boxed lists would take several times the memory. */
    private static final class IntList {
        int[] values = new int[4];
        int size;

        void add(int v) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
