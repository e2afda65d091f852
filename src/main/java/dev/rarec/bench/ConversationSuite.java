package dev.rarec.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rarec.util.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A suite of conversations, each with what its top-5 recommendations and its resolved history must satisfy.
 * Expectations describe the conversation's last state: after "a horror film from the 70s … actually make it
 * 80s" the years are 1980–1989.
 *
 * @param suite         the suite's name
 * @param version       its version, bumped whenever a conversation or an expectation changes
 * @param about         what the suite is, for a reader of the file
 * @param conversations the conversations, in file order
 */
public record ConversationSuite(String suite, int version, String about, List<SuiteConversation> conversations) {
    /** The suite shipped with rarec. */
    public static final String RESOURCE = "conversations.json";

    // Strict, unlike the project's lenient mapper: a misspelt field in a hand-written suite must not be ignored.
    private static final ObjectMapper STRICT = Json.MAPPER.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    public ConversationSuite {
        conversations = List.copyOf(conversations == null ? List.of() : conversations);
    }

    /** The text of the suite shipped with rarec ({@value #RESOURCE} beside this class). */
    public static String builtInText() {
        try (InputStream in = ConversationSuite.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("the built-in suite " + RESOURCE + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in suite " + RESOURCE, e);
        }
    }

    /**
     * Reads and validates a suite.
     *
     * @param source how errors name the suite, e.g. its file name
     * @throws IllegalArgumentException naming the source, the line or the conversation, and the field at fault
     */
    public static ConversationSuite parse(String json, String source) {
        ConversationSuite suite;
        try {
            suite = STRICT.readValue(json, ConversationSuite.class);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr();
            throw new IllegalArgumentException(source + where + ": " + e.getOriginalMessage(), e);
        }
        suite.validate(source);
        return suite;
    }

    private void validate(String source) {
        if (conversations.isEmpty()) throw new IllegalArgumentException(source + ": no conversations");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < conversations.size(); i++) {
            SuiteConversation c = conversations.get(i);
            String where = source + ": conversations[" + i + "]" + (c.id() == null ? "" : " (" + c.id() + ")");
            List<String> problems = c.problems();
            if (!problems.isEmpty()) throw new IllegalArgumentException(where + ": " + String.join("; ", problems));
            if (!ids.add(c.id())) throw new IllegalArgumentException(where + ": id is used twice");
        }
    }

    /**
     * One conversation of the suite.
     *
     * @param id       a stable name, used in reports
     * @param messages the chat so far, as the API takes it; the last message is the user's
     * @param expect   what the answer must satisfy
     */
    public record SuiteConversation(String id, List<Message> messages, Expectation expect) {
        public SuiteConversation {
            messages = List.copyOf(messages == null ? List.of() : messages);
        }

        /** More than one user message: the user refined or corrected the request. */
        public boolean multiTurn() {
            return messages.stream().filter(m -> m.role().equals("user")).count() > 1;
        }

        List<String> problems() {
            List<String> p = new ArrayList<>();
            if (id == null || id.isBlank()) p.add("id is missing");
            if (messages.isEmpty()) p.add("messages is empty");
            for (int i = 0; i < messages.size(); i++) {
                Message m = messages.get(i);
                if (!m.role().equals("user") && !m.role().equals("assistant")) {
                    p.add("messages[" + i + "].role must be \"user\" or \"assistant\", got \"" + m.role() + "\"");
                }
                if (m.content().isBlank()) p.add("messages[" + i + "].content is blank");
            }
            if (!messages.isEmpty() && !messages.get(messages.size() - 1).role().equals("user")) {
                p.add("the last message must be the user's");
            }
            if (expect == null) {
                p.add("expect is missing");
            } else {
                p.addAll(expect.problems(messages));
            }
            return p;
        }
    }

    /** One chat message: {@code role} is {@code user} or {@code assistant}. */
    public record Message(String role, String content) {
        public Message {
            role = role == null ? "" : role;
            content = content == null ? "" : content;
        }
    }

    /**
     * What the top-5 of one conversation must satisfy (every listed constraint, for every slot) and what its
     * history must contain. Absent fields constrain nothing.
     *
     * @param years          the release years allowed, bounds inclusive
     * @param genresAny      genre families of which a film must have at least one ({@link GenreFamilies})
     * @param genresAll      genre families a film must all have (a "rom-com" is romance and comedy)
     * @param genresNone     genre families a film must not have
     * @param person         a director or cast member every film must have, full name
     * @param named          every film the user names, with the corpus entry it must resolve to; never recommended
     * @param notRecommended further films that must not be recommended (e.g. suggestions the user said they had seen)
     * @param suggested      films the assistant suggested and the user never took up: they must stay out of the
     *                       history as liked films (checked apart from the two headline figures)
     */
    public record Expectation(YearRange years, List<String> genresAny, List<String> genresAll, List<String> genresNone,
                              String person, List<NamedFilm> named, List<Film> notRecommended, List<Film> suggested) {
        public Expectation {
            genresAny = List.copyOf(genresAny == null ? List.of() : genresAny);
            genresAll = List.copyOf(genresAll == null ? List.of() : genresAll);
            genresNone = List.copyOf(genresNone == null ? List.of() : genresNone);
            named = List.copyOf(named == null ? List.of() : named);
            notRecommended = List.copyOf(notRecommended == null ? List.of() : notRecommended);
            suggested = List.copyOf(suggested == null ? List.of() : suggested);
        }

        /** The films no slot may hold: the ones the user named and the explicitly excluded ones. */
        public List<Film> neverRecommend() {
            List<Film> all = new ArrayList<>(notRecommended);
            for (NamedFilm n : named) all.add(n.film());
            return all;
        }

        /** "years 1960–1969; genres any of western; person Tom Hanks; …", for reports. */
        public String describe() {
            List<String> parts = new ArrayList<>();
            if (years != null) {
                parts.add("years " + (years.min() == null ? "…" : years.min()) + "–" + (years.max() == null ? "…" : years.max()));
            }
            if (!genresAny.isEmpty()) parts.add("genres any of " + String.join(", ", genresAny));
            if (!genresAll.isEmpty()) parts.add("genres all of " + String.join(", ", genresAll));
            if (!genresNone.isEmpty()) parts.add("genres none of " + String.join(", ", genresNone));
            if (person != null) parts.add("person " + person);
            List<Film> never = neverRecommend();
            if (!never.isEmpty()) parts.add("never " + String.join(", ", never.stream().map(f -> f.title() + " (" + f.year() + ")").toList()));
            return String.join("; ", parts);
        }

        List<String> problems(List<Message> messages) {
            List<String> p = new ArrayList<>();
            if (years != null && years.min() == null && years.max() == null) p.add("expect.years has neither min nor max");
            if (years != null && years.min() != null && years.max() != null && years.min() > years.max()) {
                p.add("expect.years.min " + years.min() + " is after max " + years.max());
            }
            for (String f : concat(genresAny, genresAll, genresNone)) {
                if (!GenreFamilies.isFamily(f)) p.add("unknown genre family \"" + f + "\" (known: " + GenreFamilies.names() + ")");
            }
            if (person != null && person.isBlank()) p.add("expect.person is blank");
            String userText = String.join("\n", messages.stream().filter(m -> m.role().equals("user")).map(Message::content).toList());
            for (int i = 0; i < named.size(); i++) {
                NamedFilm n = named.get(i);
                if (n.text() == null || n.text().isBlank()) p.add("expect.named[" + i + "].text is missing");
                else if (!userText.toLowerCase(java.util.Locale.ROOT).contains(n.text().toLowerCase(java.util.Locale.ROOT))) {
                    p.add("expect.named[" + i + "].text \"" + n.text() + "\" is not in what the user wrote");
                }
                if (!n.film().hasImdbId()) p.add("expect.named[" + i + "].imdbId is missing");
                if (n.opinion() != null && !n.opinion().equals("liked") && !n.opinion().equals("disliked")) {
                    p.add("expect.named[" + i + "].opinion must be \"liked\" or \"disliked\"");
                }
            }
            for (int i = 0; i < notRecommended.size(); i++) {
                if (!notRecommended.get(i).hasImdbId()) p.add("expect.notRecommended[" + i + "].imdbId is missing");
            }
            for (int i = 0; i < suggested.size(); i++) {
                if (!suggested.get(i).hasImdbId()) p.add("expect.suggested[" + i + "].imdbId is missing");
            }
            if (!suggested.isEmpty() && messages.stream().noneMatch(m -> m.role().equals("assistant"))) {
                p.add("expect.suggested needs an assistant message that suggests them");
            }
            boolean slotConstraint = years != null || !genresAny.isEmpty() || !genresAll.isEmpty() || !genresNone.isEmpty()
                    || person != null || !named.isEmpty() || !notRecommended.isEmpty();
            if (!slotConstraint) p.add("expect has nothing to check");
            return p;
        }

        @SafeVarargs
        private static List<String> concat(List<String>... lists) {
            List<String> all = new ArrayList<>();
            for (List<String> l : lists) all.addAll(l);
            return all;
        }
    }

    /** Allowed release years; a missing bound is open. */
    public record YearRange(Integer min, Integer max) {
        public boolean contains(int year) {
            return year > 0 && (min == null || year >= min) && (max == null || year <= max);
        }

        /** A whole aligned decade, e.g. 1960–1969 ("the 60s"), rather than an era ("after 2010", "older"). */
        public boolean isDecade() {
            return min != null && max != null && min % 10 == 0 && max == min + 9;
        }
    }

    /**
     * A corpus entry: IMDb id, with title and year for readers and for recognising a second corpus entry of the
     * same film.
     */
    public record Film(String imdbId, String title, int year) {
        public Film {
            imdbId = imdbId == null ? "" : imdbId.strip();
            title = title == null ? "" : title;
        }

        public boolean hasImdbId() {
            return !imdbId.isEmpty();
        }

        public String display() {
            return (year > 0 ? title + " (" + year + ")" : title) + (hasImdbId() ? " " + imdbId : "");
        }
    }

    /**
     * A film the user names.
     *
     * @param text       the words the user wrote for it ("psycho", "Dune (2021)")
     * @param imdbId     the corpus entry it must resolve to
     * @param title      that entry's title
     * @param year       that entry's year
     * @param opinion    {@code liked}, {@code disliked} or absent
     * @param notImdbIds wrong readings (a remake, a namesake) whose presence in the history also fails resolution
     */
    public record NamedFilm(String text, String imdbId, String title, int year, String opinion, List<String> notImdbIds) {
        public NamedFilm {
            notImdbIds = List.copyOf(notImdbIds == null ? List.of() : notImdbIds);
        }

        public Film film() {
            return new Film(imdbId, title, year);
        }

        public boolean disliked() {
            return "disliked".equals(opinion);
        }
    }
}
