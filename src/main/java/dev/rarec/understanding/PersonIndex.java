package dev.rarec.understanding;

import dev.rarec.corpus.Audience;
import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Movie;
import dev.rarec.corpus.TitleMentionDetector;
import dev.rarec.corpus.Titles;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The directors and actors of the corpus, found by name in what people write: "Tom Hanks",
 * "tom hanks", or a bare surname that everyone reads as one person ("Spielberg", "Tarantino").
 *
 * <p>A full name (two to four words) matches whoever carries it in the corpus, the most prolific first.
 * A bare surname matches only a well-known person who owns it — at least {@link #MIN_FILMS_FOR_SURNAME}
 * films and {@link #SURNAME_SHARE} of the audience of the surname's films — and only when it is
 * not an ordinary English word ("Stone", "Wood", "Hill" stay words).
 */
public final class PersonIndex {
    static final int MIN_FILMS_FOR_SURNAME = 8;
    static final double SURNAME_SHARE = 0.6;
    /** Films a surname's owner needs for the surname to mean the person rather than a film of that title. */
    static final int MIN_FILMS_OVER_TITLE = 20;
    private static final int MAX_NAME_TOKENS = 4;

    /** A person named in a text: the corpus spelling and the token span [start, end) of the mention. */
    public record PersonMention(String name, int start, int end) {}

    private final Map<String, String> byFullName = new HashMap<>();
    private final Map<String, String> bySurname = new HashMap<>();
    private final Set<String> prefixes = new HashSet<>();
    private final Set<String> prolificSurnames = new HashSet<>();

    private PersonIndex() {}

    public static PersonIndex of(Corpus corpus) {
        PersonIndex index = new PersonIndex();
        Map<String, Double> weight = new HashMap<>();
        Map<String, Double> audienceOf = new HashMap<>();
        Map<String, Integer> films = new HashMap<>();
        Map<String, String> spelling = new HashMap<>();
        Audience audience = Audience.of(corpus);
        // Per surname, the audience of the films anyone of that name made: a film counts once, so brothers who
        // share their credits ("the Coen brothers") each own all of it, where a sum over people would halve it.
        Map<String, Double> surnameTotal = new HashMap<>();
        Set<String> surnames = new HashSet<>();
        for (Movie m : corpus.movies()) {
            double w = 1 + audience.logVotes(m.id());
            List<String> names = new ArrayList<>();
            for (String d : m.director().split(",")) if (!d.isBlank()) names.add(d.strip());
            names.addAll(m.cast().subList(0, Math.min(8, m.cast().size())));
            for (String name : names) {
                String key = String.join(" ", Titles.tokens(name));
                if (key.split(" ").length < 2 || key.split(" ").length > MAX_NAME_TOKENS) continue;
                weight.merge(key, w, Double::sum);
                audienceOf.merge(key, audience.votes(m.id()), Double::sum);
                films.merge(key, 1, Integer::sum);
                spelling.putIfAbsent(key, name);
                surnames.add(key.substring(key.lastIndexOf(' ') + 1));
            }
            for (String surname : surnames) surnameTotal.merge(surname, audience.votes(m.id()), Double::sum);
            surnames.clear();
        }
        Set<String> ordinary = new HashSet<>(TitleMentionDetector.loadChatWords());
        // "Short films please" is not Martin Short, nor "Smart comedies" Amy Smart.
        ordinary.addAll(corpus.englishWords());
        Map<String, String> surnameBest = new HashMap<>();
        for (Map.Entry<String, Double> e : weight.entrySet()) {
            String key = e.getKey();
            index.byFullName.put(key, spelling.get(key));
            String[] toks = key.split(" ");
            StringBuilder p = new StringBuilder();
            for (String t : toks) {
                if (p.length() > 0) p.append(' ');
                p.append(t);
                index.prefixes.add(p.toString());
            }
            // A surname means the person whose films most people saw: "Nolan" is Christopher Nolan's dozen famous
            // films, not Lloyd Nolan's hundred forgotten ones, so the share counts audiences, not films.
            // Brothers who share their credits are one surname: "Coen" is Joel Coen, whose films are Ethan's too.
            String surname = toks[toks.length - 1];
            String best = surnameBest.get(surname);
            if (best == null || audienceOf.get(best) < audienceOf.get(key)) surnameBest.put(surname, key);
        }
        surnameBest.forEach((surname, key) -> {
            if (surname.length() < 4 || ordinary.contains(surname)) return;
            if (films.get(key) >= MIN_FILMS_FOR_SURNAME && audienceOf.get(key) >= SURNAME_SHARE * surnameTotal.get(surname)) {
                index.bySurname.put(surname, spelling.get(key));
                if (films.get(key) >= MIN_FILMS_OVER_TITLE) index.prolificSurnames.add(surname);
            }
        });
        return index;
    }

    /**
     * The people named in a tokenised text (tokens as {@link Titles#tokens} makes them); a bare
     * surname counts only when the person wrote it capitalised.
     *
     * @param capitalised whether each token was written with a capital
     */
    public List<PersonMention> find(List<String> tokens, boolean[] capitalised) {
        List<PersonMention> out = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            int best = -1;
            StringBuilder p = new StringBuilder();
            for (int j = i; j < tokens.size() && j - i < MAX_NAME_TOKENS; j++) {
                if (j > i) p.append(' ');
                p.append(tokens.get(j));
                if (!prefixes.contains(p.toString())) break;
                if (j > i && byFullName.containsKey(p.toString())) best = j;
            }
            if (best >= 0) {
                out.add(new PersonMention(byFullName.get(String.join(" ", tokens.subList(i, best + 1))), i, best + 1));
                i = best + 1;
                continue;
            }
            String surname = tokens.get(i);
            if (capitalised[i] && bySurname.containsKey(surname)) {
                out.add(new PersonMention(bySurname.get(surname), i, i + 1));
            } else if (surname.endsWith("s") && capitalised[i] && bySurname.containsKey(surname.substring(0, surname.length() - 1))) {
                // "Hitchcocks", as people write a plural or possessive without the apostrophe
                out.add(new PersonMention(bySurname.get(surname.substring(0, surname.length() - 1)), i, i + 1));
            }
            i++;
        }
        return out;
    }

    /**
     * Whether a word written alone names a prolific person by surname, one who outweighs a film of that
     * title ("Hitchcock" is Alfred Hitchcock's fifty films, "Fargo" is the 1996 film, not James Fargo).
     */
    public boolean isSurname(String word) {
        List<String> t = Titles.tokens(word);
        return t.size() == 1 && prolificSurnames.contains(t.get(0));
    }
}
