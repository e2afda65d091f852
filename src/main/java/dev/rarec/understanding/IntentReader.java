package dev.rarec.understanding;

import dev.rarec.corpus.MentionDetector;
import dev.rarec.corpus.MentionDetector.Mention;
import dev.rarec.data.Role;
import dev.rarec.data.Turn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds a conversation into a {@link UserIntent}: which movies the user liked and disliked, which the
 * assistant only suggested, and what the user asked for.
 *
 * <p>A turn's movies are its {@link Turn#items()} (detected in chat, annotated in the datasets); the
 * detector only tells where in the text each stands, so that the opinion around it and the
 * constraints beside it can be read without reading the titles themselves.
 */
public final class IntentReader {
    private final MentionDetector detector;
    private final ConstraintParser parser;

    public IntentReader(MentionDetector detector, ConstraintParser parser) {
        this.detector = detector;
        this.parser = parser;
    }

    public UserIntent read(List<Turn> turns) {
        Map<Integer, Opinion> opinion = new HashMap<>();
        LinkedHashSet<Integer> named = new LinkedHashSet<>();
        Set<Integer> suggested = new LinkedHashSet<>();
        Constraints constraints = Constraints.NONE;
        List<String> requests = new ArrayList<>();
        List<String> keywords = new ArrayList<>();
        for (Turn t : turns) {
            if (t.role() != Role.SEEKER) {
                suggested.addAll(t.items());
                continue;
            }
            List<Mention> located = located(t);
            List<Opinion> opinions = Opinion.of(t.text(), located);
            List<ConstraintParser.Span> titles = new ArrayList<>();
            for (int i = 0; i < located.size(); i++) {
                Mention m = located.get(i);
                if (m.located()) titles.add(new ConstraintParser.Span(m.start(), m.end()));
                // A movie named again moves to the end: recency is what a sequential retriever reads.
                named.remove(m.item());
                named.add(m.item());
                opinion.put(m.item(), opinions.get(i));
            }
            constraints = constraints.then(parser.parse(t.text(), titles));
            String query = parser.queryText(t.text(), titles);
            if (!query.isBlank()) requests.add(query);
            String words = parser.keywordText(t.text(), titles);
            if (!words.isBlank()) keywords.add(words);
        }
        List<Integer> liked = new ArrayList<>();
        List<Integer> disliked = new ArrayList<>();
        for (int id : named) (opinion.get(id) == Opinion.DISLIKED ? disliked : liked).add(id);
        suggested.removeAll(named);
        return new UserIntent(liked, disliked, List.copyOf(suggested), constraints, requests, keywords);
    }

    /**
     * The intent without reading the text: every movie the user named is liked, the assistant's
     * suggestions stay suggestions, and nothing is asked.
     */
    public static UserIntent mentionsOnly(List<Turn> turns) {
        LinkedHashSet<Integer> named = new LinkedHashSet<>();
        Set<Integer> suggested = new LinkedHashSet<>();
        for (Turn t : turns) {
            for (int id : t.items()) {
                if (t.role() == Role.SEEKER) {
                    named.remove(id);
                    named.add(id);
                } else {
                    suggested.add(id);
                }
            }
        }
        suggested.removeAll(named);
        return new UserIntent(List.copyOf(named), List.of(), List.copyOf(suggested), Constraints.NONE, List.of());
    }

    /** The turn's movies with their places in its text, where the detector finds them. */
    private List<Mention> located(Turn t) {
        Map<Integer, Mention> found = new HashMap<>();
        if (!t.items().isEmpty()) for (Mention m : detector.mentions(t.text())) found.putIfAbsent(m.item(), m);
        List<Mention> out = new ArrayList<>(t.items().size());
        for (int id : t.items()) {
            Mention m = found.getOrDefault(id, new Mention(id, -1, -1));
            if (m.located() && parser.namesPerson(t.text().substring(m.start(), m.end()))) continue;
            out.add(m);
        }
        return out;
    }
}
