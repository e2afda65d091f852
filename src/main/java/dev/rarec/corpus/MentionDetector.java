package dev.rarec.corpus;

import java.util.List;

/** Finds the corpus movies a person names in free text ("I loved Heat (1995) and the matrix"). */
public interface MentionDetector {

    /** Corpus ids of the movies mentioned in {@code text}, in order of appearance, without repeats. */
    List<Integer> detect(String text);
}
