package dev.rarec.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the titles a person names in free text, looking each phrase up in a {@link TitleIndex}: the longest
 * phrase that is a title wins, and a year right after it ("Heat (1995)") picks the movie.
 *
 * <p>Free text is full of words that are also titles ("It", "Her", "Up", "Holiday", "Tom Cruise").
 * Without a year, a title counts only if the movie is reasonably well known, the words are not part of a
 * person's name from the corpus cast and director lists, and either the person capitalised it deliberately
 * (not a sentence start, not a message in capitals) or it holds a word that is not ordinary English
 * (ordinary = frequent in ReDial chat, or seen in lower case in the corpus plots). Titles made only of
 * ordinary words need at least three of them in lower case.
 */
public final class TitleMentionDetector implements MentionDetector {
    /** Popularity a movie needs to be detected by title alone (no year in the text). */
    static final int MIN_POPULARITY_WITHOUT_YEAR = 3;
    /** Popularity a two-word title of ordinary words typed in lower case needs ("pulp fiction", not "like blood"). */
    static final int MIN_POPULARITY_LOWER_CASE_PHRASE = 8;
    /** Popularity a one-word title that is an everyday chat word ("It", "Up") needs even when capitalised. */
    static final int MIN_POPULARITY_CHAT_WORD = 4;
    private static final Set<String> CONNECTORS = Set.of("of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "by", "with", "from", "or");
    private static final Set<String> YEAR_WORDS = Set.of("after", "before", "since", "in", "from", "until", "till", "than", "around",
            "of", "circa", "pre", "post", "to", "between", "and", "or", "year");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /**
     * Audience ({@link Audience}) a film needs to be read from a phrase that only its place marks as a title:
     * a whole item of what someone liked or watched ("i liked the shining, the exorcist and get out") or the
     * subject of a sentence about it ("Alien is my favourite", "psycho is one of my favorites").
     */
    static final double KNOWN_AUDIENCE = 10_000;
    /** Words that start a list of films: "I loved ...", "something like ...", "we watched ...". */
    private static final Set<String> FILM_VERBS = Set.of("like", "liked", "love", "loved", "loves", "enjoy", "enjoyed", "watch", "watched",
            "rewatched", "saw", "seen", "hate", "hated", "adore", "adored", "than");
    private static final Set<String> FAVOURITE = Set.of("favorite", "favourite", "favorites", "favourites", "fave", "faves");
    private static final Set<String> COPULAS = Set.of("is", "are", "was", "were");
    private static final Set<String> ORIGINAL_WORDS = Set.of("original", "old", "older", "classic", "first");
    private static final Set<String> NEWER_WORDS = Set.of("new", "newer", "remake", "remade", "reboot", "recent", "latest");
    private static final Set<String> REMAKE_WORDS = Set.of("remake", "reboot", "remakes");
    /** Words that end an item of a list of films. */
    private static final Set<String> ITEM_ENDS = Set.of("and", "or", "but", "because", "too", "so", "though", "also", "as", "more",
            "a", "lot", "again", "when", "last", "the", "yesterday", "recently");
    /** Words after which a sentence's first word is the title it talks about ("Parasite blew me away"). */
    private static final Set<String> SUBJECT_CUES = Set.of("is", "was", "isnt", "wasnt", "has", "had", "blew", "made", "makes",
            "remains", "really", "still", "by", "will", "never", "always", "totally", "absolutely", "scared", "terrified",
            "broke", "changed", "rocks", "ruled", "deserved", "won", "gave", "kept", "got");
    /** A pronoun cannot be the subject of a sentence in this form, so "Her was beautiful" names the film. */
    private static final Set<String> OBJECT_PRONOUNS = Set.of("her", "us", "them");
    /** Audience of a film whose one-word title is also an everyday chat word ("Alien", "Up", "Psycho"). */
    static final double FAMOUS_AUDIENCE = 100_000;
    /** Words that stand for something already said, never for a film. */
    private static final Set<String> FUNCTION_WORDS = Set.of("it", "this", "that", "these", "those", "he", "she", "they", "we",
            "you", "i", "me", "him", "his", "its", "our", "their", "there", "here", "what", "which", "who", "one", "ones", "some",
            "any", "all", "none", "nothing", "something", "everything", "anything", "yes", "no", "ok", "okay", "well", "so",
            "then", "now", "also", "too", "just", "maybe", "sure", "thanks", "hi", "hello", "hey", "both", "either", "neither",
            "each", "another", "other", "others", "such", "same", "movies", "films", "movie", "film");
    /** The corpus genres in lower case ("war", "thriller"): "I like war" asks for a genre. */
    private static final Set<String> GENRE_WORDS = genreWords();

    private final TitleIndex titles;
    private final NearTitles near;
    private final Set<String> personNames = new HashSet<>();
    private final Set<String> firstNames = new HashSet<>();
    private final Set<String> personPrefixes = new HashSet<>();
    private final Set<String> chatWords;
    private final Set<String> englishWords;

    private TitleMentionDetector(TitleIndex titles, Set<String> chatWords) {
        this.titles = titles;
        this.chatWords = chatWords;
        for (Movie m : titles.corpus().movies()) {
            for (String name : m.cast()) addPerson(name);
            for (String name : m.director().split(",")) addPerson(name);
        }
        this.englishWords = titles.corpus().englishWords();
        this.near = new NearTitles(titles, w -> isOrdinary(w) || firstNames.contains(w));
    }

    /** A detector over the titles of {@code titles}' corpus, with ReDial's everyday chat words. */
    public static TitleMentionDetector of(TitleIndex titles) {
        return new TitleMentionDetector(titles, loadChatWords());
    }

    public TitleIndex titles() {
        return titles;
    }

    @Override
    public List<Integer> detect(String text) {
        List<Integer> ids = new ArrayList<>();
        for (Mention m : mentions(text)) ids.add(m.item());
        return ids;
    }

    @Override
    public List<Mention> mentions(String text) {
        String t = decodeKeepingOffsets(text == null ? "" : text);
        boolean shouting = shouting(t);
        List<Token> tokens = tokenize(t, shouting);
        Phrases phrases = new Phrases(t, shouting, tokens, personSpans(tokens), listItems(t, tokens));
        Set<String> context = context(phrases);
        List<Found> found = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        int i = 0;
        while (i < tokens.size()) {
            Found f = titleAt(phrases, i, context);
            if (f != null && seen.add(f.item)) found.add(f);
            i = f == null ? i + 1 : f.last + 1;
        }
        return disambiguate(found, tokens, context);
    }

    /** The title that starts at token {@code i}, if any: the longest exact title, else a near one (see {@link NearTitles}). */
    private Found titleAt(Phrases p, int i, Set<String> context) {
        List<Token> tokens = p.tokens;
        List<Integer> ends = new ArrayList<>();
        StringBuilder phrase = new StringBuilder();
        for (int j = i; j < tokens.size() && j - i < TitleIndex.MAX_TOKENS; j++) {
            if (j > i) phrase.append(' ');
            phrase.append(tokens.get(j).norm);
            String key = phrase.toString();
            if (!titles.isPrefix(key)) break;
            if (titles.hasKey(key)) ends.add(j);
        }
        boolean article = i > 0 && TitleIndex.ARTICLES.contains(tokens.get(i - 1).norm);
        Found exact = null;
        for (int m = ends.size() - 1; m >= 0 && exact == null; m--) {
            int end = ends.get(m);
            String key = joinNorm(tokens, i, end);
            int year = yearAfter(tokens, end);
            if (year > 0) {
                Optional<Integer> withYear = titles.findKey(key, year, article, true);
                if (withYear.isPresent()) return new Found(withYear.get(), i, end + 1, key, article, true);
            }
            Optional<Integer> id = titles.findKey(key, 0, article, false, context);
            if (id.isEmpty() || !acceptWithoutYear(p, i, end, id.get())) continue;
            // "the 1995 Heat": a year just before a title picks the film too.
            int before = i > 0 ? yearAt(tokens, i - 1) : 0;
            Optional<Integer> withYear = before > 0 ? titles.findKey(key, before, article, true) : Optional.empty();
            if (withYear.isPresent()) return new Found(withYear.get(), i - 1, end, key, article, true);
            Optional<Integer> era = era(tokens, i, end, key);
            exact = new Found(era.orElse(id.get()), i, end, key, article, era.isPresent());
        }
        Found slip = misspelt(p, i, exact == null ? i : exact.last + 1);
        if (slip != null) return slip;
        if (exact != null) return exact;
        Token word = tokens.get(i);
        if (p.inPerson[i]) return null;
        boolean titleStands = p.listItem(i, i) || p.subject(i, i);
        // Initials are read in capitals ("I love LOTR") or where a title stands ("t2 is the best").
        Optional<Integer> initials = near.byInitials(word.norm);
        boolean everyday = chatWords.contains(word.norm) || englishWords.contains(word.norm);
        if (initials.isPresent() && (p.capitals(i) || titleStands && !everyday)) {
            return new Found(initials.get(), i, i, word.norm, article, false);
        }
        // A title shortened to one word is read only where a title stands ("shawshank is my favourite").
        if (!ends.isEmpty() || isOrdinary(word.norm) || !titleStands) return null;
        return near.byLeadWord(word.norm).map(id -> new Found(id, i, i, word.norm, article, false)).orElse(null);
    }

    /**
     * A well-known title typed with one slip, starting at token {@code i} and ending at or after token
     * {@code minLast}: the phrase must look meant (capitalised, or holding a word that is not ordinary English).
     */
    private Found misspelt(Phrases p, int i, int minLast) {
        List<Token> tokens = p.tokens;
        if (TitleIndex.ARTICLES.contains(tokens.get(i).norm) || isChat(tokens.get(i).norm)) return null;
        for (int j = Math.min(tokens.size() - 1, i + 4); j >= Math.max(i, minLast); j--) {
            String phrase = joinNorm(tokens, i, j);
            if (titles.hasKey(phrase)) continue;
            boolean meant = j > i || phrase.length() >= 7;
            boolean capitalised = true;
            boolean unusual = false;
            for (int k = i; k <= j; k++) {
                Token t = tokens.get(k);
                if (p.inPerson[k]) meant = false;
                if (!t.capitalised && !CONNECTORS.contains(t.norm)) capitalised = false;
                if (!isOrdinary(t.norm)) unusual = true;
            }
            if (!meant || !(unusual || capitalised && !tokens.get(i).sentenceStart) || j == i && !capitalised) continue;
            boolean article = i > 0 && TitleIndex.ARTICLES.contains(tokens.get(i - 1).norm);
            Optional<Integer> id = near.misspelt(phrase);
            if (id.isPresent()) return new Found(id.get(), i, j, Titles.key(titles.corpus().get(id.get()).title()), article, false);
        }
        return null;
    }

    /**
     * The found titles as mentions, where a title several films share is chosen again knowing the other
     * films named: "Heat and Collateral" are both Michael Mann's, so Heat is the 1995 film.
     */
    private List<Mention> disambiguate(List<Found> found, List<Token> tokens, Set<String> context) {
        List<Mention> out = new ArrayList<>(found.size());
        for (Found f : found) {
            int item = f.item;
            if (!f.fixed && found.size() > 1 && titles.sharing(f.key) > 1) {
                Set<String> withOthers = new HashSet<>(context);
                Set<Integer> others = new HashSet<>();
                for (Found other : found) {
                    if (other == f || other.key.equals(f.key)) continue;
                    others.add(other.item);
                    for (String person : TitleIndex.people(titles.corpus().get(other.item))) withOthers.add(String.join(" ", Titles.tokens(person)));
                }
                int again = titles.findKey(f.key, 0, f.article, false, withOthers).orElse(item);
                // "The Heat ... Heat (1995)": two titles of one key name two films.
                if (!others.contains(again)) item = again;
            }
            out.add(new Mention(item, tokens.get(f.first).start, tokens.get(f.last).end));
        }
        return out;
    }

    /**
     * A title found in the text: tokens [first, last] (a year written beside it included); {@code fixed}: the
     * text itself says which of the title's films (a year, "the original").
     */
    private record Found(int item, int first, int last, String key, boolean article, boolean fixed) {}

    /** The text's tokens and what each stands in: a person's name, a list of films someone liked. */
    private record Phrases(String text, boolean shouting, List<Token> tokens, boolean[] inPerson, int[] itemLast) {
        /** Whether token {@code k} is written in capitals ("LOTR", "T2") in a message that is not all capitals. */
        boolean capitals(int k) {
            Token t = tokens.get(k);
            if (shouting || t.end - t.start < 2) return false;
            boolean letter = false;
            for (int c = t.start; c < t.end; c++) {
                char ch = text.charAt(c);
                if (Character.isLowerCase(ch)) return false;
                letter |= Character.isLetter(ch);
            }
            return letter;
        }

        /** Whether tokens [start, end] (with the article before them) are one whole item of a list of films. */
        boolean listItem(int start, int end) {
            if (itemLast[start] == end) return true;
            return start > 0 && TitleIndex.ARTICLES.contains(tokens.get(start - 1).norm) && itemLast[start - 1] == end;
        }

        /** Whether tokens [start, end] open their sentence and what follows says something of them. */
        boolean subject(int start, int end) {
            int first = start > 0 && TitleIndex.ARTICLES.contains(tokens.get(start - 1).norm) ? start - 1 : start;
            if (!tokens.get(first).sentenceStart || end + 1 >= tokens.size()) return false;
            Token next = tokens.get(end + 1);
            if (SUBJECT_CUES.contains(next.norm)) return true;
            String between = text.substring(tokens.get(end).end, next.start);
            return between.contains(",") && (TitleIndex.ARTICLES.contains(next.norm) || next.norm.equals("which") || next.norm.equals("that"));
        }
    }

    /**
     * The words that can tell same-titled films apart: the names of people in the text, and capitalised
     * words that are not ordinary English (a surname: "the Cronenberg one").
     */
    private Set<String> context(Phrases p) {
        Set<String> context = new HashSet<>();
        StringBuilder name = new StringBuilder();
        for (int k = 0; k <= p.tokens.size(); k++) {
            if (k < p.tokens.size() && p.inPerson[k]) {
                if (name.length() > 0) name.append(' ');
                name.append(p.tokens.get(k).norm);
                continue;
            }
            if (name.length() > 0) context.add(name.toString());
            name.setLength(0);
            if (k < p.tokens.size()) {
                Token t = p.tokens.get(k);
                if (t.capitalised && !t.sentenceStart && !isOrdinary(t.norm)) context.add(t.norm);
            }
        }
        return context;
    }

    /**
     * For each token that starts an item of a list of films someone liked, watched or compares with
     * ("I loved X, Y and Z", "my favourite is X", "better than X"), the index of the item's last token; -1 elsewhere.
     */
    private static Set<String> genreWords() {
        Set<String> words = new HashSet<>();
        for (String g : Genres.VOCABULARY) words.addAll(Titles.tokens(g));
        words.addAll(List.of("scifi", "sci", "fi", "romcom", "romcoms", "cartoon", "cartoons", "anime", "superhero", "superheroes"));
        return words;
    }

    private static int[] listItems(String text, List<Token> tokens) {
        int[] itemLast = new int[tokens.size()];
        java.util.Arrays.fill(itemLast, -1);
        int itemStart = -1;
        int favourite = -10;
        for (int k = 0; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (t.sentenceStart) itemStart = -1;
            if (FAVOURITE.contains(t.norm)) favourite = k;
            if (itemStart < 0) {
                if (FILM_VERBS.contains(t.norm) || COPULAS.contains(t.norm) && k - favourite <= 4) itemStart = k + 1;
                continue;
            }
            if (k < itemStart) continue;
            boolean last = k + 1 == tokens.size();
            String between = last ? "" : text.substring(t.end, tokens.get(k + 1).start);
            boolean sentenceEnds = last || between.matches(".*[.!?;:()\n].*");
            boolean ends = sentenceEnds || between.contains(",") || ITEM_ENDS.contains(tokens.get(k + 1).norm) && k + 1 > itemStart;
            if (k - itemStart >= TitleIndex.MAX_TOKENS) {
                itemStart = -1;
                continue;
            }
            if (!ends) continue;
            itemLast[itemStart] = k;
            if (sentenceEnds) itemStart = -1;
            else if (between.contains(",") || tokens.get(k + 1).norm.equals("and") || tokens.get(k + 1).norm.equals("or")) {
                itemStart = tokens.get(k + 1).norm.equals("and") || tokens.get(k + 1).norm.equals("or") ? k + 2 : k + 1;
            } else {
                itemStart = -1;
            }
        }
        return itemLast;
    }

    /**
     * Whether a phrase stands where a film's title goes (see {@link #KNOWN_AUDIENCE}). A single word there
     * must not be a pronoun or a genre ("I loved it", "I like war"), and an everyday chat word must be a
     * famous film's title ("Alien is my favourite"); "Her was beautiful" is the film, as the pronoun cannot
     * open such a sentence. A word whose film's audience is only estimated must be capitalised ("Parasite blew
     * me away", not "I love the beginning").
     */
    private boolean cued(Phrases p, int start, int end, int id, boolean single, boolean chat, boolean capitalised) {
        double audience = titles.audience(id);
        if (audience < KNOWN_AUDIENCE) return false;
        boolean list = p.listItem(start, end);
        boolean subject = p.subject(start, end);
        if (!list && !subject || !single) return list || subject;
        String w = p.tokens.get(start).norm;
        if (OBJECT_PRONOUNS.contains(w)) return subject;
        if (FUNCTION_WORDS.contains(w) || GENRE_WORDS.contains(w) || GENRE_WORDS.contains(w + "s")) return false;
        if (titles.corpus().get(id).votes() <= 0 && !capitalised) return false;
        return !chat || audience >= FAMOUS_AUDIENCE;
    }

    /** Whether a title the text names without a year is meant as a title (see the class comment). */
    private boolean acceptWithoutYear(Phrases p, int start, int end, int id) {
        List<Token> tokens = p.tokens;
        boolean allInPerson = true;
        int content = 0;
        int ordinary = 0;
        int chat = 0;
        boolean capitalised = true;
        for (int k = start; k <= end; k++) {
            Token t = tokens.get(k);
            if (!p.inPerson[k]) allInPerson = false;
            if (CONNECTORS.contains(t.norm) && k > start) continue;
            content++;
            if (isOrdinary(t.norm)) ordinary++;
            if (isChat(t.norm)) chat++;
            if (!t.capitalised || (t.norm.equals("i") && k == start)) capitalised = false;
        }
        if (allInPerson) return false;
        String w = tokens.get(start).norm;
        // "after 2010", "in 1917": a number after such a word is a year, not the film of that name.
        if (content == 1 && w.chars().allMatch(Character::isDigit) && start > 0 && YEAR_WORDS.contains(tokens.get(start - 1).norm)) return false;
        if (cued(p, start, end, id, content == 1, chat > 0, capitalised)) return true;
        if (titles.popularity(id) < MIN_POPULARITY_WITHOUT_YEAR) return false;
        boolean deliberate = capitalised && (content > 1 || !tokens.get(start).sentenceStart);
        if (content == 1) {
            if (w.length() < 2 || chat == 1 && !deliberate) return false;
            if (deliberate) return chat == 0 || titles.popularity(id) >= MIN_POPULARITY_CHAT_WORD;
            return ordinary == 0 && w.length() >= 4;
        }
        if (deliberate || ordinary < content) return true;
        return chat < content && (content >= 3 || titles.popularity(id) >= MIN_POPULARITY_LOWER_CASE_PHRASE);
    }

    private boolean isOrdinary(String norm) {
        return isChat(norm) || englishWords.contains(norm);
    }

    private boolean isChat(String norm) {
        return chatWords.contains(norm) || norm.length() <= 2 || norm.chars().allMatch(Character::isDigit);
    }

    /** Tokens that belong to a person's name (2-4 words) from the corpus cast and director lists. */
    private boolean[] personSpans(List<Token> tokens) {
        boolean[] in = new boolean[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            StringBuilder p = new StringBuilder();
            int longest = -1;
            for (int j = i; j < tokens.size() && j - i < 4; j++) {
                if (j > i) p.append(' ');
                p.append(tokens.get(j).norm);
                String s = p.toString();
                if (!personPrefixes.contains(s)) break;
                if (j > i && personNames.contains(s)) longest = j;
            }
            for (int k = i; k <= longest; k++) in[k] = true;
        }
        return in;
    }

    private void addPerson(String name) {
        List<String> toks = Titles.tokens(name);
        if (toks.size() < 2 || toks.size() > 4) return;
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < toks.size(); i++) {
            if (i > 0) p.append(' ');
            p.append(toks.get(i));
            personPrefixes.add(p.toString());
        }
        personNames.add(p.toString());
        firstNames.add(toks.get(0));
    }

    private static String joinNorm(List<Token> tokens, int start, int end) {
        StringBuilder sb = new StringBuilder();
        for (int k = start; k <= end; k++) {
            if (k > start) sb.append(' ');
            sb.append(tokens.get(k).norm);
        }
        return sb.toString();
    }

    /**
     * The film people mean by "the original Halloween" or "the Oldboy remake": the oldest or the newest
     * of the title's films that are known to at least a twentieth of the best-known one's audience.
     */
    private Optional<Integer> era(List<Token> tokens, int start, int end, String key) {
        String before = start > 0 ? tokens.get(start - 1).norm : "";
        String after = end + 1 < tokens.size() ? tokens.get(end + 1).norm : "";
        boolean original = ORIGINAL_WORDS.contains(before);
        boolean newest = NEWER_WORDS.contains(before) || REMAKE_WORDS.contains(after);
        if (original == newest) return Optional.empty();
        List<Integer> films = titles.candidates(key);
        double known = films.stream().mapToDouble(titles::audience).max().orElse(0) / 20;
        return films.stream().filter(id -> titles.audience(id) >= known && titles.corpus().get(id).year() > 0)
                .min((a, b) -> Integer.compare(titles.corpus().get(a).year(), titles.corpus().get(b).year()) * (newest ? -1 : 1));
    }

    private static int yearAfter(List<Token> tokens, int end) {
        return end + 1 < tokens.size() ? yearAt(tokens, end + 1) : 0;
    }

    /** The year token {@code k} is (1870-2035), else 0. */
    private static int yearAt(List<Token> tokens, int k) {
        String t = tokens.get(k).norm;
        if (t.length() == 4 && t.chars().allMatch(Character::isDigit)) {
            int y = Integer.parseInt(t);
            if (y >= 1870 && y <= 2035) return y;
        }
        return 0;
    }

    /** A message typed mostly in capitals says nothing through its capitals. */
    private static boolean shouting(String text) {
        int letters = 0;
        int upper = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c)) upper++;
            }
        }
        return letters >= 8 && upper > 0.6 * letters;
    }

    /**
     * A word of the text: normalised as in {@link Titles#tokens}, how the person wrote it, and where it
     * stands in the text ([start, end) character offsets).
     */
    private record Token(String norm, boolean capitalised, boolean sentenceStart, int start, int end) {}

    private static List<Token> tokenize(String text, boolean shouting) {
        List<Token> out = new ArrayList<>();
        StringBuilder tok = new StringBuilder();
        boolean cap = false;
        boolean upper = true;
        boolean sentenceStart = true;
        boolean nextStartsSentence = true;
        int start = 0;
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            char raw = i < n ? text.charAt(i) : ' ';
            // Accents go (as in Titles.tokens), one character at a time so that offsets stay the text's own.
            String folded = raw > 127 && Character.isLetter(raw)
                    ? MARKS.matcher(Normalizer.normalize(String.valueOf(raw), Normalizer.Form.NFD)).replaceAll("") : null;
            char c = folded != null && folded.length() == 1 ? folded.charAt(0) : raw;
            if (Character.isLetterOrDigit(c)) {
                if (tok.length() == 0) {
                    cap = Character.isUpperCase(c) || Character.isDigit(c);
                    upper = true;
                    sentenceStart = nextStartsSentence;
                    start = i;
                }
                if (Character.isLetter(c) && !Character.isUpperCase(c)) upper = false;
                tok.append(Character.toLowerCase(c));
            } else if (c == '\'' || c == '\u2019' || c == '`') {
                continue;
            } else {
                if (tok.length() > 0) {
                    String norm = tok.toString();
                    boolean shouted = shouting || (tok.length() >= 2 && upper);
                    out.add(new Token(Titles.NUMBERS.getOrDefault(norm, norm), cap && !shouted, sentenceStart, start, i));
                    tok.setLength(0);
                    nextStartsSentence = false;
                }
                if (c == '.' || c == '!' || c == '?' || c == '\n') nextStartsSentence = true;
                if (c == '&') out.add(new Token("and", false, false, i, i + 1));
            }
        }
        return out;
    }

    /**
     * HTML and URL escapes that datasets leave in text ("&amp;", "%27") decoded as {@link Titles#collapse}
     * does, padded to their own length so that offsets into the text stay right: the padding is
     * spaces, or apostrophes where an apostrophe was meant (apostrophes join words).
     */
    private static String decodeKeepingOffsets(String text) {
        if (text.indexOf('&') < 0 && text.indexOf('%') < 0) return text;
        String[][] escapes = {{"&quot;", "\""}, {"&amp;", "&"}, {"&#39;", "'"}, {"&apos;", "'"}, {"%22", "\""}, {"%27", "'"},
                {"%3F", "?"}, {"%26", "&"}, {"%2C", ","}, {"%3A", ":"}, {"%21", "!"}};
        String s = text;
        for (String[] e : escapes) {
            String pad = (e[1].equals("'") ? "'" : " ").repeat(e[0].length() - 1);
            s = s.replace(e[0], e[1] + pad);
        }
        return s;
    }

    /** The everyday chat words of ReDial (resource {@code common-words.txt}), which other readers of chat share. */
    public static Set<String> loadChatWords() {
        Set<String> words = new HashSet<>();
        try (InputStream in = TitleMentionDetector.class.getResourceAsStream("common-words.txt")) {
            if (in == null) throw new IllegalStateException("resource dev/rarec/corpus/common-words.txt is missing from the build");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) words.add(line.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }
}
