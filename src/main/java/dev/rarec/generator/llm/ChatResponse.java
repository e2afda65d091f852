package dev.rarec.generator.llm;

/**
 * One answer of a chat endpoint.
 *
 * @param content          the answer ({@code message.content}), empty when the endpoint sent none
 * @param reasoning        the thinking trace some servers return apart ({@code reasoning_content} or
 *                         {@code reasoning}), empty otherwise
 * @param finishReason     why generation stopped ({@code stop}, {@code length}, ...), empty when not reported
 * @param promptTokens     prompt tokens reported by the endpoint, 0 when it reports no usage
 * @param completionTokens completion tokens reported by the endpoint, 0 when it reports no usage
 * @param fromCache        true when this answer came from the {@link ResponseCache} and cost no call
 */
public record ChatResponse(String content, String reasoning, String finishReason, int promptTokens,
                           int completionTokens, boolean fromCache) {
    public ChatResponse {
        content = content == null ? "" : content;
        reasoning = reasoning == null ? "" : reasoning;
        finishReason = finishReason == null ? "" : finishReason;
    }

    /**
     * The text to read recommendations from: the content, or, when a thinking model spent its whole
     * budget thinking and left the content empty, its reasoning (which often ends with the list).
     */
    public String text() {
        return content.isBlank() ? reasoning : content;
    }

    ChatResponse cached() {
        return new ChatResponse(content, reasoning, finishReason, promptTokens, completionTokens, true);
    }
}
