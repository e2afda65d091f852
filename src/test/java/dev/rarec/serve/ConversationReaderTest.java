package dev.rarec.serve;

import dev.rarec.data.Role;
import dev.rarec.generator.ConversationRecommender.InvalidConversation;
import dev.rarec.generator.ConversationRecommender.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConversationReaderTest {

    @Test
    void readsPlainLinesWithContinuationsAndComments(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("conv.txt");
        Files.writeString(file, """
                # a conversation
                user: I loved Heat (1995).
                  And Ronin too.

                Assistant: Have you seen Collateral?
                USER:no
                """);

        List<Message> messages = ConversationReader.read(file);

        assertThat(messages).containsExactly(
                new Message(Role.SEEKER, "I loved Heat (1995).\nAnd Ronin too."),
                new Message(Role.RECOMMENDER, "Have you seen Collateral?"),
                new Message(Role.SEEKER, "no"));
    }

    @Test
    void readsTheApiJson() {
        List<Message> messages = ConversationReader.parse("""
                {"messages": [{"role": "user", "content": "Heat"}, {"role": "assistant", "content": "Ronin?"}], "k": 3}""", "x.json");

        assertThat(messages).extracting(Message::roleName).containsExactly("user", "assistant");
    }

    @Test
    void errorsNameTheSourceLineAndField() {
        assertThatThrownBy(() -> ConversationReader.parse("hello there\nuser: hi", "conv.txt"))
                .isInstanceOf(InvalidConversation.class)
                .hasMessage("conv.txt line 1: expected a line starting with \"user:\" or \"assistant:\" (or a JSON object), got \"hello there\"");
        assertThatThrownBy(() -> ConversationReader.parse("""
                {"messages": [
                  {"role": "user", "content": "Heat"},
                  {"role": "bot", "content": "Ronin?"}
                ]}""", "conv.json"))
                .isInstanceOf(InvalidConversation.class)
                .hasMessageStartingWith("conv.json line 3 (messages[1].role): ")
                .hasMessageContaining("unknown role \"bot\"");
        assertThatThrownBy(() -> ConversationReader.parse("{\"messages\": [\n{\"role\": \"user\",\n \"content\": }]}", "conv.json"))
                .hasMessageStartingWith("conv.json line 3 (body): bad JSON at line 3");
        assertThatThrownBy(() -> ConversationReader.parse("  \n", "<stdin>")).hasMessage("<stdin>: the conversation is empty");
    }
}
