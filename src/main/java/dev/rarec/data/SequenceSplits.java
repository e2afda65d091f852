package dev.rarec.data;

import java.util.List;

/** Item-id sequences (corpus ids, oldest first) split 8:1:1 into train, validation and test (appendix A.2). */
public record SequenceSplits(List<int[]> train, List<int[]> valid, List<int[]> test) {
    public SequenceSplits {
        train = List.copyOf(train);
        valid = List.copyOf(valid);
        test = List.copyOf(test);
    }
}
