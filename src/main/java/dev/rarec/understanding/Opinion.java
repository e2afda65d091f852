package dev.rarec.understanding;

import dev.rarec.corpus.MentionDetector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the user liked a movie they named: "I hated X", "X was boring", "not a fan of X" are
 * dislikes; anything else counts as liked, as a sequential recommender reads a mention.
 *
 * <p>The scope of an opinion is the part of a sentence the movie stands in: parts end at "but",
 * "though", "however", "whereas", "while" (a new opinion) or at a comma or "and" (where a part with no
 * opinion word of its own keeps the previous part's: "I hated Titanic, Avatar and Gravity").
 */
public enum Opinion {
    LIKED, DISLIKED;

    private static final Pattern SENTENCE = Pattern.compile("[.!?;\\n]+");
    private static final Pattern CONTRAST = Pattern.compile("\\b(?:but|though|although|however|whereas|while|yet)\\b");
    private static final Pattern LIST = Pattern.compile(",|\\band\\b|\\bor\\b");
    private static final Pattern NEGATIVE = Pattern.compile("\\b(?:hated?|hates|didn'?t (?:like|enjoy|care for|love)|did not (?:like|enjoy)|don'?t (?:like|enjoy|love)|do not like|"
            + "dislike[ds]?|boring|bored|awful|terrible|worst|overrated|not (?:a|the) (?:big )?fan|not (?:really )?a fan|can'?t stand|cannot stand|couldn'?t stand|"
            + "couldn'?t finish|fell asleep|disappoint\\w*|not for me|too slow|waste of time|sucked|sucks|annoying|stupid|dull|meh|not good|"
            + "wasn'?t (?:good|great|funny|scary|that good|very good)|not great|bad|horrible|lame|not into|tired of|sick of|skip|avoid|no more|"
            + "anything but|other than|not like|except|instead of|rather than)\\b|^\\s*(?:not|no)\\b");
    private static final Pattern PRONOUN = Pattern.compile("^\\s*(?:it|that|that one|this one|which|they|both)\\b");
    private static final Pattern NOT_BAD = Pattern.compile("\\bnot (?:bad|boring|terrible|awful|overrated|dull)\\b");
    private static final Pattern POSITIVE = Pattern.compile("\\b(?:lov(?:e|ed|es|ing)|lik(?:e|ed|es)|enjoy(?:ed|s)?|great|amazing|awesome|favou?rite|fantastic|good|"
            + "brilliant|masterpiece|best|excellent|fun|classic|adore|adored|into)\\b");

    /**
     * The opinion of each mention in {@code text}, in the order given; a mention whose place is unknown
     * counts as liked. The titles themselves are not read ("The Good, the Bad and the Ugly" is no verdict).
     */
    public static List<Opinion> of(String text, List<MentionDetector.Mention> mentions) {
        char[] c = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'').toCharArray();
        for (MentionDetector.Mention m : mentions) {
            if (m.located()) for (int i = m.start(); i < Math.min(c.length, m.end()); i++) c[i] = 'x';
        }
        String plain = new String(c);
        List<int[]> parts = new ArrayList<>();
        List<Opinion> partOpinion = new ArrayList<>();
        Matcher s = SENTENCE.matcher(plain);
        int sentenceStart = 0;
        while (true) {
            boolean more = s.find();
            int end = more ? s.start() : plain.length();
            readSentence(plain, sentenceStart, end, parts, partOpinion);
            if (!more) break;
            sentenceStart = s.end();
        }
        List<Opinion> out = new ArrayList<>(mentions.size());
        for (MentionDetector.Mention m : mentions) {
            int start = m.start();
            Opinion o = LIKED;
            for (int p = 0; p < parts.size(); p++) {
                if (start >= parts.get(p)[0] && start < parts.get(p)[1]) {
                    o = partOpinion.get(p);
                    break;
                }
            }
            out.add(o);
        }
        return out;
    }

    private static void readSentence(String plain, int from, int to, List<int[]> parts, List<Opinion> opinions) {
        List<int[]> clauses = split(plain, from, to, CONTRAST);
        for (int[] clause : clauses) {
            List<int[]> pieces = split(plain, clause[0], clause[1], LIST);
            Opinion carried = null;
            for (int p = 0; p < pieces.size(); p++) {
                int[] part = pieces.get(p);
                Opinion own = own(plain.substring(part[0], part[1]));
                if (own == null && carried == null && p + 1 < pieces.size()) {
                    // "I saw Titanic, it was boring": the next part speaks of this one.
                    String next = plain.substring(pieces.get(p + 1)[0], pieces.get(p + 1)[1]);
                    if (PRONOUN.matcher(next).find()) own = own(next);
                }
                Opinion o = own != null ? own : carried != null ? carried : LIKED;
                carried = own != null ? own : carried;
                parts.add(part);
                opinions.add(o);
            }
        }
    }

    /** The opinion a piece of text states itself, or null when it states none. */
    private static Opinion own(String part) {
        if (NOT_BAD.matcher(part).find()) return LIKED;
        if (NEGATIVE.matcher(part).find()) return DISLIKED;
        if (POSITIVE.matcher(part).find()) return LIKED;
        return null;
    }

    private static List<int[]> split(String plain, int from, int to, Pattern boundary) {
        List<int[]> out = new ArrayList<>();
        Matcher m = boundary.matcher(plain).region(from, to);
        int start = from;
        while (m.find()) {
            out.add(new int[] {start, m.start()});
            start = m.end();
        }
        out.add(new int[] {start, to});
        return out;
    }
}
