package dev.rarec.eval;

import dev.rarec.util.Hashing;

import java.util.ArrayList;
import java.util.List;

/**
 * One method's per-target ranks in a form that can be kept with a report ({@code ranks.json}) and paired
 * with a later evaluation: each row's rank with a short digest of its (example, target) key in place of the
 * key itself, so the kept file holds no dataset content, only what the method did.
 *
 * <p>Why: a paired difference needs both methods' rows, and the model behind a baseline does not always
 * outlive the session that evaluated it (the RL series at the paper's scale trains a baseline, evaluates it,
 * and keeps only its report). A later run on the same examples produces the same keys.
 *
 * @param method the method's label in its report
 * @param keys   each row's key digest ({@link #key}), in row order
 * @param ranks  each row's rank in the final list (-1 when absent), in row order
 */
public record RankList(String method, List<String> keys, List<Integer> ranks) {

    public RankList {
        keys = List.copyOf(keys);
        ranks = List.copyOf(ranks);
        if (keys.size() != ranks.size()) throw new IllegalArgumentException(keys.size() + " keys for " + ranks.size() + " ranks of '" + method + "'");
    }

    /** The rank list of {@code rows} under {@code method}. */
    public static RankList of(String method, List<TargetRow> rows) {
        return new RankList(method, rows.stream().map(RankList::key).toList(), rows.stream().map(TargetRow::rank).toList());
    }

    /**
     * The first 12 hex digits (48 bits) of SHA-256 over {@code exampleId \t target}: a collision among a test
     * split's few thousand rows has a chance of about one in ten million.
     */
    static String key(TargetRow row) {
        return Hashing.sha256(row.exampleId() + "\t" + row.target()).substring(0, 12);
    }

    /** These ranks as rows keyed by their digests (target 0), to pair with {@link #hashed} rows. */
    List<TargetRow> rows() {
        List<TargetRow> out = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) out.add(new TargetRow(keys.get(i), 0, ranks.get(i), -1));
        return out;
    }

    /** {@code rows} keyed like {@link #rows()}, by the digests of their keys. */
    static List<TargetRow> hashed(List<TargetRow> rows) {
        return rows.stream().map(r -> new TargetRow(key(r), 0, r.rank(), r.candidateRank())).toList();
    }
}
