package dev.rarec.serve;

import dev.rarec.generator.ConversationRecommender.Message;
import dev.rarec.generator.SurfaceFixtures;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class ChatSessionTest {

    private static String chat(String script) {
        StringWriter out = new StringWriter();
        ChatSession session = new ChatSession(SurfaceFixtures.recommender(false), 3, new PrintWriter(out));
        session.run(new BufferedReader(new StringReader(script)), false);
        return out.toString();
    }

    @Test
    void repliesWithRecommendationsAndGroundedReasons() {
        String out = chat("I loved Heat\n");

        assertThat(out).contains("rarec chat (fake generator, 12 movies)")
                .contains("rarec> You liked Heat (1995).")
                .contains("  1. Groundhog Day (1993) (Comedy/Drama, dir. Harold Ramis): Another 1990s drama, like Heat")
                .contains("  3. Pulp Fiction (1994) (Crime/Drama, dir. Quentin Tarantino): Another 1990s crime drama, like Heat")
                .endsWith("bye" + System.lineSeparator());
    }

    @Test
    void historyForgetAndClearChangeWhatTheSystemBelieves() {
        String out = chat("""
                Heat and The Matrix
                /history
                /forget the matrix
                /history
                /forget Casablanca
                /clear
                /history
                /quit
                I loved Ronin
                """);

        // Heat and The Matrix share genres with Collateral, Ronin, Blade Runner, Se7en, Pulp Fiction, Gladiator;
        // the fake generator reverses those. The reply's top three are the assistant's suggestions: not liked.
        assertThat(out).contains("  1. Gladiator (2000) (Action/Adventure, dir. Ridley Scott): A 2000s action film, like The Matrix");
        assertThat(out).contains("liked (2): Heat (1995), The Matrix (1999)")
                .contains("suggested by me: Gladiator (2000), Pulp Fiction (1994), Se7en (1995)");
        assertThat(out).contains("forgot: The Matrix (1999)");
        assertThat(out).contains("liked (1): Heat (1995)").contains("forgotten: The Matrix (1999)");
        assertThat(out).contains("\"Casablanca\" is not in the history");
        assertThat(out).contains("cleared: a new conversation starts").contains("liked (0): none");
        // Nothing after /quit is read.
        assertThat(out).doesNotContain("Ronin (1998)");
    }

    @Test
    void forgottenMoviesStayOutOfTheNextRecommendation() {
        StringWriter out = new StringWriter();
        ChatSession session = new ChatSession(SurfaceFixtures.recommender(false), 3, new PrintWriter(out));
        session.handle("Heat and The Matrix");
        session.handle("/forget Heat");
        session.handle("anything else?");

        String lastReply = out.toString().substring(out.toString().lastIndexOf("rarec> You liked"));
        assertThat(lastReply).doesNotContain("Heat (1995)");
        assertThat(session.messages()).extracting(Message::content).first().isEqualTo("Heat and The Matrix");

        session.handle("actually Heat was fine");
        assertThat(out.toString().substring(out.toString().lastIndexOf("rarec> You liked"))).contains("Heat (1995)");
    }

    @Test
    void noFilmShownComesBackInTheNextAnswer() {
        StringWriter out = new StringWriter();
        ChatSession session = new ChatSession(SurfaceFixtures.recommender(false), 4, new PrintWriter(out));
        session.handle("I loved Heat");
        java.util.List<String> first = recommended(out.toString());
        session.handle("anything else?");
        java.util.List<String> second = recommended(out.toString().substring(out.toString().lastIndexOf("rarec> You might like")));

        assertThat(first).hasSize(4);
        assertThat(second).isNotEmpty().doesNotContainAnyElementsOf(first);
        assertThat(session.messages().get(1).content()).contains(first.get(3));
    }

    /** The titles of a reply's numbered lines ("  1. Title (1999) (genres, dir. ...): reason"). */
    private static java.util.List<String> recommended(String out) {
        java.util.List<String> titles = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^  \\d+\\. (.+? \\(\\d{4}\\)) \\(").matcher(out);
        while (m.find()) titles.add(m.group(1));
        return titles;
    }

    @Test
    void helpAndUnknownCommandsAndBlankLines() {
        String out = chat("\n/help\n/frobnicate\n");

        assertThat(out).contains("/forget <title>").contains("/history").contains("/clear").contains("/quit")
                .contains("unknown command /frobnicate: /help lists the commands")
                .doesNotContain("rarec> sorry");
    }
}
