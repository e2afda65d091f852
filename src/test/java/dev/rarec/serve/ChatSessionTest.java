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
                .contains("rarec> I see you mentioned: Heat (1995)")
                .contains("  1. Groundhog Day (1993) (Comedy/Drama, dir. Harold Ramis): Drama, genres you mentioned")
                .contains("  3. Pulp Fiction (1994) (Crime/Drama, dir. Quentin Tarantino): Crime, drama, genres you mentioned")
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
        // the fake generator reverses those, and the reply's top three join the history as the assistant's turn.
        assertThat(out).contains("  1. Gladiator (2000) (Action/Adventure, dir. Ridley Scott): Action, drama, genres you mentioned");
        assertThat(out).contains("history (5): Heat (1995), The Matrix (1999), Gladiator (2000), Pulp Fiction (1994), Se7en (1995)");
        assertThat(out).contains("forgot: The Matrix (1999)");
        assertThat(out).contains("history (4): Heat (1995), Gladiator (2000), Pulp Fiction (1994), Se7en (1995)")
                .contains("forgotten: The Matrix (1999)");
        assertThat(out).contains("\"Casablanca\" is not in the history");
        assertThat(out).contains("cleared: a new conversation starts").contains("history (0): none");
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

        String lastReply = out.toString().substring(out.toString().lastIndexOf("I see you mentioned"));
        assertThat(lastReply).doesNotContain("Heat (1995)");
        assertThat(session.messages()).extracting(Message::content).first().isEqualTo("Heat and The Matrix");

        session.handle("actually Heat was fine");
        assertThat(out.toString().substring(out.toString().lastIndexOf("I see you mentioned"))).contains("Heat (1995)");
    }

    @Test
    void helpAndUnknownCommandsAndBlankLines() {
        String out = chat("\n/help\n/frobnicate\n");

        assertThat(out).contains("/forget <title>").contains("/history").contains("/clear").contains("/quit")
                .contains("unknown command /frobnicate: /help lists the commands")
                .doesNotContain("rarec> sorry");
    }
}
