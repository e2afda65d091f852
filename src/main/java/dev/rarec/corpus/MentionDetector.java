package dev.rarec.corpus;

import java.util.ArrayList;
import java.util.List;

/** Finds the corpus movies a person names in free text ("I loved Heat (1995) and the matrix"). */
public interface MentionDetector {

    /** Corpus ids of the movies mentioned in {@code text}, in order of appearance, without repeats. */
    List<Integer> detect(String text);

    /**
     * Where each movie is named: a character span [start, end) of {@code text} (a year written right
     * after the title included), in order of appearance; a movie named twice appears once, at its
     * first mention. Detectors that cannot tell where report the span as [-1, -1).
     */
    default List<Mention> mentions(String text) {
        List<Mention> out = new ArrayList<>();
        for (int id : detect(text)) out.add(new Mention(id, -1, -1));
        return out;
    }

    /** One named movie and where it stands in the text. */
    record Mention(int item, int start, int end) {
        public boolean located() {
            return start >= 0;
        }
    }
}
