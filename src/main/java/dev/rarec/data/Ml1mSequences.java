package dev.rarec.data;

import dev.rarec.util.DataDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * MovieLens-1M interaction sequences as LRURec preprocessed them (users and items with at least five
 * interactions, chronological, leave-one-out): per user the training items, then the validation item,
 * then the test item. Items are re-indexed 0..N-1 in ascending MovieLens movieId order.
 *
 * @param sequences one chronological sequence of item indices per user, in file order
 * @param movieIds  the MovieLens movieId of each item index
 */
public record Ml1mSequences(List<int[]> sequences, int[] movieIds) {
    public static final String FILE = "movielens/ml-1m/sequences_lrurec_min5.tsv.gz";
    public static final String SOURCE = "https://github.com/Yueeeeeeee/LRURec (data/preprocessed/ml-1m_min_rating0-min_uc5-min_sc5-leave_one_out/dataset.pkl), derived as described in movielens/PROVENANCE.md";

    public int numItems() {
        return movieIds.length;
    }

    /** Training part of every sequence: all but the last two items. */
    public List<int[]> train() {
        return cut(2);
    }

    /** Validation examples: training items as history, the validation item as the last element (the target). */
    public List<int[]> validation() {
        return cut(1);
    }

    /** Test examples: training and validation items as history, the test item last (the target). */
    public List<int[]> test() {
        return cut(0);
    }

    private List<int[]> cut(int drop) {
        List<int[]> out = new ArrayList<>(sequences.size());
        for (int[] s : sequences) out.add(Arrays.copyOf(s, s.length - drop));
        return out;
    }

    public static Ml1mSequences read(Path dataDir) {
        Path file = DataDir.require(dataDir, FILE, SOURCE);
        List<int[]> raw = new ArrayList<>();
        TreeSet<Integer> ids = new TreeSet<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String line = in.readLine();
            if (line == null || !line.startsWith("userId\t")) throw new IllegalArgumentException(file + ": line 1: expected the header 'userId<TAB>movieIds...', got '" + line + "'");
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                int tab = line.indexOf('\t');
                if (tab < 0) throw new IllegalArgumentException(file + ": line " + lineNo + ": expected 'userId<TAB>movieId movieId ...'");
                String[] parts = line.substring(tab + 1).trim().split(" ");
                if (parts.length < 3) {
                    throw new IllegalArgumentException(file + ": line " + lineNo + ": a leave-one-out sequence needs at least 3 items, got " + parts.length);
                }
                int[] seq = new int[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    try {
                        seq[i] = Integer.parseInt(parts[i]);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(file + ": line " + lineNo + ": movieId '" + parts[i] + "' is not an integer");
                    }
                    ids.add(seq[i]);
                }
                raw.add(seq);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        int[] movieIds = ids.stream().mapToInt(Integer::intValue).toArray();
        List<int[]> sequences = new ArrayList<>(raw.size());
        for (int[] s : raw) {
            int[] mapped = new int[s.length];
            for (int i = 0; i < s.length; i++) mapped[i] = Arrays.binarySearch(movieIds, s[i]);
            sequences.add(mapped);
        }
        return new Ml1mSequences(List.copyOf(sequences), movieIds);
    }
}
