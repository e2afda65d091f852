package dev.rarec.generator.llm;

/** One message of a chat request; {@code role} is system, user or assistant. */
public record ChatMessage(String role, String content) {
    public ChatMessage {
        if (role == null || role.isBlank()) throw new IllegalArgumentException("message role is empty");
        content = content == null ? "" : content;
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }
}
