package dev.rarec.bench;

import dev.rarec.bench.ConversationSuite.Expectation;
import dev.rarec.bench.ConversationSuite.NamedFilm;
import dev.rarec.bench.ConversationSuite.SuiteConversation;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The checked answers of one suite run and the figures drawn from them.
 *
 * <ul>
 *   <li><b>Top-5 constraint satisfaction</b>: the share of (conversation, slot) pairs, slots 1 to 5 of every
 *       conversation, whose film satisfies every constraint the conversation states (years, genre families
 *       wanted, all wanted, excluded, person, and not a film the user named or ruled out). A slot the answer left
 *       empty, and every slot of a refused conversation, counts as unsatisfied; the denominator is always
 *       5 × conversations.</li>
 *   <li><b>Named films resolved A/B</b>: B counts every film the users name (each a corpus entry in the suite);
 *       A those whose IMDb id is in the answer's history while none of the listed wrong readings (remake,
 *       namesake) is. A disliked film counts when it is there, whatever its opinion.</li>
 * </ul>
 * Per category and per constraint the same two definitions are restricted to the conversations concerned.
 */
public final class ConversationReport {
    /** The categories a conversation can fall in, derived from its messages and expectations, in report order. */
    static final List<String> CATEGORIES = List.of("decade", "era", "genre", "genre-excluded", "person", "named",
            "ambiguous-title", "dislike", "multi-turn", "no-film-named");

    private final ConversationSuite suite;
    private final List<Outcome> outcomes;

    ConversationReport(ConversationSuite suite, List<Outcome> outcomes) {
        this.suite = suite;
        this.outcomes = List.copyOf(outcomes);
    }

    /** One recommended film and the constraints it failed (none when it satisfies them all). */
    record Slot(int rank, FilmFacts film, List<String> failed) {
        boolean satisfied() {
            return failed.isEmpty();
        }
    }

    /** One named film, whether the history resolved it, and the opinion the history gave it (null when none). */
    record Named(NamedFilm film, boolean resolved, String opinion) {}

    /**
     * The checked answer to one conversation; {@code suggestionsKeptOut} counts the assistant's untaken suggestions
     * absent from the history; {@code error} is set when the system refused the conversation.
     */
    record Outcome(SuiteConversation conversation, List<Slot> slots, List<Named> named, int suggestionsKeptOut,
                   List<ApiAnswer.HistoryEntry> history, boolean opinionsReported, String error) {
        static Outcome refused(SuiteConversation c, String error) {
            List<Named> named = c.expect().named().stream().map(n -> new Named(n, false, null)).toList();
            return new Outcome(c, List.of(), named, 0, List.of(), false, error);
        }

        int satisfiedSlots() {
            return (int) slots.stream().filter(Slot::satisfied).count();
        }

        int satisfiedSlots(String constraint) {
            return (int) slots.stream().filter(s -> !s.failed().contains(constraint)).count();
        }

        int resolved() {
            return (int) named.stream().filter(Named::resolved).count();
        }

        boolean perfect() {
            return error == null && slots.size() == ConversationBench.K && satisfiedSlots() == slots.size() && resolved() == named.size()
                    && suggestionsKeptOut == conversation.expect().suggested().size();
        }
    }

    /** The categories of one conversation. */
    static List<String> categories(SuiteConversation c) {
        Expectation e = c.expect();
        List<String> cats = new ArrayList<>();
        if (e.years() != null) cats.add(e.years().isDecade() ? "decade" : "era");
        if (!e.genresAny().isEmpty() || !e.genresAll().isEmpty()) cats.add("genre");
        if (!e.genresNone().isEmpty()) cats.add("genre-excluded");
        if (e.person() != null) cats.add("person");
        if (!e.named().isEmpty()) cats.add("named");
        if (e.named().stream().anyMatch(n -> !n.notImdbIds().isEmpty())) cats.add("ambiguous-title");
        if (e.named().stream().anyMatch(NamedFilm::disliked)) cats.add("dislike");
        if (c.multiTurn()) cats.add("multi-turn");
        if (e.named().isEmpty()) cats.add("no-film-named");
        return cats;
    }

    public int conversations() {
        return outcomes.size();
    }

    public int slots() {
        return ConversationBench.K * outcomes.size();
    }

    public int satisfiedSlots() {
        return outcomes.stream().mapToInt(Outcome::satisfiedSlots).sum();
    }

    public double satisfaction() {
        return ratio(satisfiedSlots(), slots());
    }

    public int resolved() {
        return outcomes.stream().mapToInt(Outcome::resolved).sum();
    }

    public int resolvable() {
        return outcomes.stream().mapToInt(o -> o.named().size()).sum();
    }

    /** Per category: conversations, satisfaction, resolved, resolvable. */
    Map<String, Map<String, Object>> byCategory() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (String cat : CATEGORIES) {
            List<Outcome> in = outcomes.stream().filter(o -> categories(o.conversation()).contains(cat)).toList();
            if (in.isEmpty()) continue;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("conversations", in.size());
            row.put("satisfaction", round(ratio(in.stream().mapToInt(Outcome::satisfiedSlots).sum(), ConversationBench.K * in.size())));
            row.put("resolved", in.stream().mapToInt(Outcome::resolved).sum());
            row.put("resolvable", in.stream().mapToInt(o -> o.named().size()).sum());
            out.put(cat, row);
        }
        return out;
    }

    /** Per constraint: the conversations stating it and the share of their slots that meet it (alone). */
    Map<String, Map<String, Object>> byConstraint() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (String constraint : ExpectationCheck.CONSTRAINTS) {
            List<Outcome> in = outcomes.stream().filter(o -> ExpectationCheck.stated(o.conversation().expect()).contains(constraint)).toList();
            if (in.isEmpty()) continue;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("conversations", in.size());
            row.put("satisfaction", round(ratio(in.stream().mapToInt(o -> o.satisfiedSlots(constraint)).sum(), ConversationBench.K * in.size())));
            out.put(constraint, row);
        }
        return out;
    }

    /** The assistant's untaken suggestions kept out of the liked history, and all of them. */
    int[] suggestionsKeptOut() {
        return new int[] {outcomes.stream().mapToInt(Outcome::suggestionsKeptOut).sum(),
                outcomes.stream().mapToInt(o -> o.conversation().expect().suggested().size()).sum()};
    }

    /**
     * Disliked named films the history marks {@code disliked}, over disliked named films found in the history,
     * or empty when the API reports no opinions at all.
     */
    Optional<int[]> dislikesMarked() {
        if (outcomes.stream().noneMatch(Outcome::opinionsReported)) return Optional.empty();
        int marked = 0;
        int found = 0;
        for (Outcome o : outcomes) {
            for (Named n : o.named()) {
                if (!n.film().disliked() || !n.resolved()) continue;
                found++;
                if ("disliked".equals(n.opinion())) marked++;
            }
        }
        return Optional.of(new int[] {marked, found});
    }

    /** The figures, per category and per constraint, and every imperfect case, as written to the result JSON. */
    public Map<String, Object> figures() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("suite", suite.suite());
        json.put("suiteVersion", suite.version());
        json.put("conversations", conversations());
        json.put("k", ConversationBench.K);
        json.put("satisfaction", round(satisfaction()));
        json.put("satisfiedSlots", satisfiedSlots());
        json.put("slots", slots());
        json.put("resolved", resolved());
        json.put("resolvable", resolvable());
        dislikesMarked().ifPresent(d -> json.put("dislikesMarked", Map.of("marked", d[0], "found", d[1])));
        int[] kept = suggestionsKeptOut();
        json.put("suggestionsKeptOut", Map.of("keptOut", kept[0], "suggested", kept[1]));
        json.put("definitions", Map.of(
                "satisfaction", "share of (conversation, slot 1-5) pairs whose film meets every constraint of the conversation; "
                        + "empty slots and refused conversations count as unmet; denominator 5 x conversations",
                "resolved", "named films whose expected IMDb id is in the answer's history with none of the listed wrong readings; "
                        + "resolvable = all named films",
                "suggestionsKeptOut", "films the assistant suggested and the user never took up that are absent from the history "
                        + "(or there as disliked)"));
        json.put("categories", byCategory());
        json.put("constraints", byConstraint());
        List<Map<String, Object>> failing = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.perfect()) continue;
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("id", o.conversation().id());
            if (o.error() != null) f.put("error", o.error());
            f.put("satisfiedSlots", o.satisfiedSlots());
            f.put("slots", o.slots().stream().filter(s -> !s.satisfied())
                    .map(s -> Map.of("rank", s.rank(), "film", s.film().display(), "failed", s.failed())).toList());
            f.put("unresolved", o.named().stream().filter(n -> !n.resolved())
                    .map(n -> Map.of("text", n.film().text(), "expected", n.film().film().display(),
                            "history", o.history().stream().map(ApiAnswer.HistoryEntry::display).toList())).toList());
            f.put("suggestionsInHistory", suggestionsInHistory(o));
            failing.add(f);
        }
        json.put("failures", failing);
        return json;
    }

    /** The headline figures, the per-category and per-constraint tables and the failing cases, for a terminal. */
    public void print(PrintWriter out) {
        out.printf(Locale.ROOT, "top-5 constraint satisfaction %.3f (%d/%d slots, %d conversations)%n",
                satisfaction(), satisfiedSlots(), slots(), conversations());
        out.printf(Locale.ROOT, "named films resolved %d/%d%n", resolved(), resolvable());
        dislikesMarked().ifPresent(d -> out.printf(Locale.ROOT, "disliked films marked disliked %d/%d%n", d[0], d[1]));
        int[] kept = suggestionsKeptOut();
        out.printf(Locale.ROOT, "assistant suggestions kept out of the liked history %d/%d%n", kept[0], kept[1]);
        out.printf(Locale.ROOT, "%n%-16s %13s %12s %9s%n", "category", "conversations", "satisfaction", "resolved");
        byCategory().forEach((cat, row) -> out.printf(Locale.ROOT, "%-16s %13d %12.3f %9s%n", cat, row.get("conversations"),
                row.get("satisfaction"), (int) row.get("resolvable") == 0 ? "-" : row.get("resolved") + "/" + row.get("resolvable")));
        out.printf(Locale.ROOT, "%n%-16s %13s %12s%n", "constraint", "conversations", "satisfaction");
        byConstraint().forEach((c, row) -> out.printf(Locale.ROOT, "%-16s %13d %12.3f%n", c, row.get("conversations"), row.get("satisfaction")));
        out.println();
        out.println("failing cases:");
        for (Outcome o : outcomes) {
            if (o.perfect()) continue;
            List<ConversationSuite.Message> msgs = o.conversation().messages();
            out.printf(Locale.ROOT, "  %s (%d/%d): \"%s\"%n", o.conversation().id(), o.satisfiedSlots(), ConversationBench.K,
                    msgs.get(msgs.size() - 1).content());
            out.println("      expects " + o.conversation().expect().describe());
            if (o.error() != null) out.println("      " + o.error());
            for (Slot s : o.slots()) {
                if (!s.satisfied()) out.printf(Locale.ROOT, "      %d. %s fails %s%n", s.rank(), s.film().display(), String.join(", ", s.failed()));
            }
            if (o.error() == null && o.slots().size() < ConversationBench.K) {
                out.printf(Locale.ROOT, "      only %d recommendations%n", o.slots().size());
            }
            List<String> suggested = suggestionsInHistory(o);
            if (!suggested.isEmpty()) out.printf(Locale.ROOT, "      assistant's suggestions in the history: %s%n", String.join(", ", suggested));
            for (Named n : o.named()) {
                if (n.resolved()) continue;
                out.printf(Locale.ROOT, "      \"%s\" should be %s; history: %s%n", n.film().text(), n.film().film().display(),
                        o.history().isEmpty() ? "empty" : String.join(", ", o.history().stream().map(ApiAnswer.HistoryEntry::display).toList()));
            }
        }
        out.flush();
    }

    private static List<String> suggestionsInHistory(Outcome o) {
        return o.conversation().expect().suggested().stream().filter(f -> !ExpectationCheck.keptOut(f, o.history()))
                .map(ConversationSuite.Film::display).toList();
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }

    private static double round(double x) {
        return Math.round(x * 10000) / 10000.0;
    }
}
