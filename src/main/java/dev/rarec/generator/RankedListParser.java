package dev.rarec.generator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rarec.util.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an LLM's answer to the figure 5 prompt ("a numbered list ... '&lt;rank&gt;. &lt;movie name&gt;'")
 * into ranked lines. Models rarely follow the format exactly, so this tolerates what they actually
 * write: {@code <think>} blocks, preamble sentences, markdown bullets and bold, "1)", "#1", "1 -"
 * numbering, years in parentheses and commentary after the title.
 *
 * <p>An answer that is JSON (bare or in a code fence) is read as a list of titles: an array of strings
 * or of objects with a title, or an object holding such an array ({@code {"recommendations": [...]}}).
 * Otherwise, when the answer has numbered lines, only those count (so a preamble is not a recommendation);
 * otherwise bulleted lines; otherwise the lines that look like a title (not JSON syntax, not a heading
 * ending in ':', not a sentence of prose), so that neither markup nor chatter counts as a hallucination.
 */
public final class RankedListParser {

    /**
     * One recommendation line.
     *
     * @param rank  1-based position in the answer (after dropping preamble lines)
     * @param title the best guess at the movie name: numbering, markdown and commentary removed, year kept
     * @param line  the line with numbering and markdown removed but commentary kept; the matcher also tries
     *              its prefixes, because a colon or dash may belong to the title ("Mission: Impossible")
     */
    public record Entry(int rank, String title, String line) {}

    private static final Pattern THINK_BLOCK = Pattern.compile("(?is)<think(?:ing)?>.*?</think(?:ing)?>");
    private static final Pattern THINK_CLOSE = Pattern.compile("(?is)^.*</think(?:ing)?>");
    private static final Pattern THINK_OPEN_UNCLOSED = Pattern.compile("(?is)<think(?:ing)?>.*$");
    private static final Pattern BULLET = Pattern.compile("^(?:[-*+•·▪‣>]\\s*)+");
    private static final Pattern NUMBERING = Pattern.compile(
            "^(?:(?:#|No\\.|Rank)\\s*\\d{1,3}\\s*[.):\\-–—]?\\s*"
                    + "|[(\\[]\\d{1,3}[)\\]]\\s*"
                    + "|\\d{1,3}(?:\\s*[.)]|:|\\s+[-–—:]|[-–—](?=\\s))\\s*)(?=\\S)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BOLD_SPAN = Pattern.compile("(\\*\\*|__)(.+?)\\1");
    private static final Pattern YEAR_PAREN = Pattern.compile("\\(\\s*(?:18|19|20)\\d{2}\\s*\\)|\\[\\s*(?:18|19|20)\\d{2}\\s*]");
    private static final Pattern COMMENTARY = Pattern.compile("\\s+[-–—]\\s+|\\s*[–—]\\s*|:\\s+(?=[A-Z]?[a-z]*\\s+[a-z])");
    private static final Pattern FENCE = Pattern.compile("(?s)```[a-zA-Z]*\\s*\\n(.*?)```");
    private static final Pattern JSON_SYNTAX = Pattern.compile("^[\\[\\]{},]|^\"[^\"]*\"\\s*:|[\\[{]$");
    private static final List<String> TITLE_FIELDS = List.of("title", "name", "movie", "movie_title", "movie_name", "film");
    /** A line of this many words ending like a sentence is prose, not a title. */
    private static final int PROSE_WORDS = 8;
    private static final Pattern TITLE_KEY = Pattern.compile("(?i)^(?:movie\\s+)?(?:title|name)\\s*:\\s*");

    private RankedListParser() {}

    public static List<Entry> parse(String answer) {
        if (answer == null || answer.isBlank()) return List.of();
        String text = stripThinking(answer);
        Optional<List<String>> json = jsonTitles(text);
        if (json.isPresent()) {
            List<Entry> entries = new ArrayList<>();
            for (String t : json.get()) {
                String title = stripQuotes(clean(t));
                if (!title.isEmpty()) entries.add(new Entry(entries.size() + 1, title, title));
            }
            return entries;
        }
        List<String> numbered = new ArrayList<>();
        List<String> bulleted = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("```") || line.matches("[-=*_|\\s]+")) continue;
            Matcher bullet = BULLET.matcher(line);
            boolean isBullet = bullet.find() && !line.startsWith("**");
            if (isBullet) line = line.substring(bullet.end()).strip();
            String unbolded = line.replaceAll("^(\\*\\*|__)(\\d{1,3}[.)]?)\\1\\s*", "$2 ");
            Matcher num = NUMBERING.matcher(unwrapLeadingMarkup(unbolded));
            if (num.find()) {
                numbered.add(unwrapLeadingMarkup(unbolded).substring(num.end()));
            } else if (isBullet) {
                bulleted.add(line);
            } else if (looksLikeTitle(line)) {
                plain.add(line);
            }
        }
        List<String> chosen = !numbered.isEmpty() ? numbered : !bulleted.isEmpty() ? bulleted : plain;
        List<Entry> entries = new ArrayList<>(chosen.size());
        for (String body : chosen) {
            String line = clean(body);
            if (line.isEmpty()) continue;
            entries.add(new Entry(entries.size() + 1, title(body, line), line));
        }
        return entries;
    }

    /**
     * The titles of a JSON answer, when the answer (or a fenced block in it) is JSON holding a list:
     * strings, objects with a title-like field (a year field is added as "(year)"), or an object whose
     * first list-valued field holds those.
     */
    static Optional<List<String>> jsonTitles(String text) {
        Matcher fence = FENCE.matcher(text);
        String candidate = fence.find() ? fence.group(1) : text;
        int open = indexOfFirst(candidate, '[', '{');
        int close = Math.max(candidate.lastIndexOf(']'), candidate.lastIndexOf('}'));
        if (open < 0 || close <= open) return Optional.empty();
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(candidate.substring(open, close + 1));
        } catch (IOException e) {
            return Optional.empty();
        }
        List<String> titles = new ArrayList<>();
        collect(root, titles);
        return titles.isEmpty() ? Optional.empty() : Optional.of(titles);
    }

    private static void collect(JsonNode node, List<String> titles) {
        if (node.isTextual()) {
            titles.add(node.asText());
        } else if (node.isArray()) {
            for (JsonNode element : node) collect(element, titles);
        } else if (node.isObject()) {
            for (String field : TITLE_FIELDS) {
                JsonNode title = node.get(field);
                if (title != null && title.isTextual()) {
                    JsonNode year = node.get("year");
                    titles.add(year != null && year.canConvertToInt() && !YEAR_PAREN.matcher(title.asText()).find()
                            ? title.asText() + " (" + year.asInt() + ")" : title.asText());
                    return;
                }
            }
            for (JsonNode value : node) {
                if (value.isArray()) {
                    collect(value, titles);
                    return;
                }
            }
        }
    }

    private static int indexOfFirst(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    /**
     * A line that may name a movie: some letter or digit, not a line of JSON (a bracket, a quoted key),
     * not a heading ending in ':', and not a long sentence of prose.
     */
    static boolean looksLikeTitle(String line) {
        if (line.endsWith(":") || !line.matches(".*[\\p{L}\\p{N}].*")) return false;
        if (JSON_SYNTAX.matcher(line).find()) return false;
        return !(line.split("\\s+").length >= PROSE_WORDS && line.matches(".*[.?!]$"));
    }

    /** Drops reasoning that thinking models put before the answer, closed or not. */
    static String stripThinking(String answer) {
        String text = THINK_BLOCK.matcher(answer).replaceAll("\n");
        text = THINK_CLOSE.matcher(text).replaceFirst("");
        return THINK_OPEN_UNCLOSED.matcher(text).replaceFirst("");
    }

    private static String unwrapLeadingMarkup(String line) {
        return line.replaceFirst("^[*_`]+(?=#?\\s*\\d)", "");
    }

    /** Markdown and quoting removed, commentary kept. */
    private static String clean(String body) {
        String s = body.replace("**", "").replace("__", "").replace("`", "");
        s = s.replaceAll("(?<![\\w*])\\*(?!\\s)([^*]+?)\\*(?!\\w)", "$1");
        s = s.replaceAll("(?<!\\w)_(?!\\s)([^_]+?)_(?!\\w)", "$1");
        s = s.replaceAll("\\[([^\\]]+)]\\([^)]*\\)", "$1");
        s = TITLE_KEY.matcher(s.strip()).replaceFirst("");
        s = s.replaceAll("^[\"“”'‘’]+|[\"“”'‘’]+$", "");
        return s.strip();
    }

    /**
     * The movie name inside a line: a bold span when the model bolded it, else the text up to a year in
     * parentheses, else the text before a commentary separator (" - ", an em dash, or ": " followed by a sentence).
     */
    private static String title(String body, String line) {
        Matcher bold = BOLD_SPAN.matcher(body);
        if (bold.find() && bold.start() <= 2) {
            String inBold = clean(bold.group(2));
            String rest = body.substring(bold.end()).strip();
            Matcher yearAfter = YEAR_PAREN.matcher(rest);
            if (yearAfter.find() && yearAfter.start() == 0 && !YEAR_PAREN.matcher(inBold).find()) {
                inBold = inBold + " " + yearAfter.group();
            }
            if (!inBold.isEmpty()) return stripQuotes(inBold);
        }
        Matcher year = YEAR_PAREN.matcher(line);
        if (year.find() && year.start() > 0) return stripQuotes(line.substring(0, year.end()));
        Matcher sep = COMMENTARY.matcher(line);
        if (sep.find() && sep.start() > 0) return stripQuotes(line.substring(0, sep.start()));
        return stripQuotes(line);
    }

    private static String stripQuotes(String s) {
        return s.strip().replaceAll("^[\"“”'‘’]+|[\"“”'‘’,;.]+$", "").strip();
    }
}
