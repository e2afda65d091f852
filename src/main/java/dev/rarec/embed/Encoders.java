package dev.rarec.embed;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a {@link TextEncoder} from the name a user types ({@code --encoder}):
 * <ul>
 *   <li>{@code minilm} (default): all-MiniLM-L6-v2, int8, in process;</li>
 *   <li>{@code bge-small}: bge-small-en-v1.5, int8, in process;</li>
 *   <li>{@code openai:<model>}: any OpenAI-compatible {@code /embeddings} endpoint (OpenAI itself,
 *       or vLLM / text-embeddings-inference / Ollama serving e.g. Qwen3-Embedding as in the paper).</li>
 * </ul>
 * An in-process name may end in {@code -max<N>} to truncate inputs to N tokens
 * ({@code minilm-max64}); the spec then names the truncation by itself, so {@code embed} and every
 * later command that must find the same embeddings agree on it. A model id written in a manifest
 * ({@code all-minilm-l6-v2-q-max64}, {@code openai:<model>}) is accepted as well, so the encoder of
 * a stored {@link ItemEmbeddings} can be re-created from it.
 */
public final class Encoders {
    public static final String DEFAULT_SPEC = "minilm";
    public static final String OPENAI_PREFIX = "openai:";

    private static final Pattern ONNX_ID = Pattern.compile("(.+?)(?:-max(\\d+))?");

    private Encoders() {}

    public static TextEncoder create(String spec) {
        return create(spec, EncoderOptions.defaults());
    }

    public static TextEncoder create(String spec, EncoderOptions options) {
        String s = normalise(spec);
        if (s.startsWith(OPENAI_PREFIX)) {
            return OpenAiEmbeddingEncoder.create(openAiModel(spec), options.baseUrl(), options.apiKeyEnv());
        }
        OnnxModel m = onnxModel(s, options);
        return OnnxTextEncoder.load(m.model, m.maxTokens, options.threads());
    }

    /** The model id {@code create(spec, options)} would report, without loading anything. */
    public static String modelId(String spec, EncoderOptions options) {
        String s = normalise(spec);
        if (s.startsWith(OPENAI_PREFIX)) return OPENAI_PREFIX + openAiModel(spec);
        OnnxModel m = onnxModel(s, options);
        return m.model.modelId(m.maxTokens);
    }

    private record OnnxModel(OnnxTextEncoder.Model model, int maxTokens) {}

    private static OnnxModel onnxModel(String spec, EncoderOptions options) {
        Matcher matcher = ONNX_ID.matcher(spec);
        if (matcher.matches()) {
            Optional<OnnxTextEncoder.Model> model = byName(matcher.group(1));
            if (model.isPresent()) {
                int fromId = matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2));
                int maxTokens = options.maxTokens() > 0 ? options.maxTokens() : fromId;
                if (fromId > 0 && options.maxTokens() > 0 && fromId != options.maxTokens()) {
                    throw new IllegalArgumentException("encoder " + spec + " truncates to " + fromId + " tokens but --max-tokens is " + options.maxTokens());
                }
                return new OnnxModel(model.get(), maxTokens);
            }
        }
        throw new IllegalArgumentException("unknown encoder '" + spec + "': use minilm, bge-small (either optionally with -max<N> tokens) or openai:<model>");
    }

    private static Optional<OnnxTextEncoder.Model> byName(String name) {
        return switch (name) {
            case "minilm", "all-minilm-l6-v2", "all-minilm-l6-v2-q" -> Optional.of(OnnxTextEncoder.Model.MINILM);
            case "bge-small", "bge-small-en-v1.5", "bge-small-en-v1.5-q" -> Optional.of(OnnxTextEncoder.Model.BGE_SMALL);
            default -> Optional.empty();
        };
    }

    private static String normalise(String spec) {
        if (spec == null || spec.isBlank()) return DEFAULT_SPEC;
        return spec.strip().toLowerCase(Locale.ROOT);
    }

    /** The model name after {@code openai:}, case kept (served model names are case-sensitive). */
    private static String openAiModel(String spec) {
        String model = spec.strip().substring(OPENAI_PREFIX.length()).strip();
        if (model.isEmpty()) throw new IllegalArgumentException("encoder 'openai:' needs a model name, e.g. openai:text-embedding-3-small");
        return model;
    }
}
