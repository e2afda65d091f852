package dev.rarec.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small RFC 4180 reader (quoted fields, doubled quotes, line breaks inside quotes, any one-char
 * delimiter) for the CSV and TSV files of the data dir. The project has no CSV dependency and
 * these files need nothing more.
 */
public final class Csv implements AutoCloseable {
    private final BufferedReader in;
    private final char delimiter;
    private final boolean quotes;
    private final String file;
    private final List<String> header;
    private final Map<String, Integer> columns = new HashMap<>();
    private long lineNo;
    private long recordStart;

    /** One record: where it starts, and its cells. */
    public record Row(long line, List<String> cells, Map<String, Integer> columns) {
        /** The cell of a header column; empty when the row is short or the column unknown. */
        public String get(String column) {
            Integer i = columns.get(column);
            return i == null || i >= cells.size() ? "" : cells.get(i);
        }

        public String get(int index) {
            return index < cells.size() ? cells.get(index) : "";
        }
    }

    private Csv(Path file, char delimiter, boolean quotes, Charset charset, boolean hasHeader) {
        this.in = TextFiles.open(file, charset);
        this.delimiter = delimiter;
        this.quotes = quotes;
        this.file = file.toString();
        if (hasHeader) {
            List<String> h = readRecord().orElse(List.of());
            List<String> trimmed = new ArrayList<>();
            for (String s : h) trimmed.add(s.strip().replace("\uFEFF", ""));
            this.header = List.copyOf(trimmed);
            for (int i = 0; i < header.size(); i++) columns.putIfAbsent(header.get(i), i);
        } else {
            this.header = List.of();
        }
    }

    /** A comma-separated file with a header row. */
    public static Csv open(Path file) {
        return new Csv(file, ',', true, StandardCharsets.UTF_8, true);
    }

    public static Csv open(Path file, char delimiter, boolean hasHeader) {
        return new Csv(file, delimiter, true, StandardCharsets.UTF_8, hasHeader);
    }

    /** A tab-separated file where quote characters are plain text (the TSVs of the data dir). */
    public static Csv openTsv(Path file, boolean hasHeader) {
        return new Csv(file, '\t', false, StandardCharsets.UTF_8, hasHeader);
    }

    public static Csv open(Path file, char delimiter, boolean quotes, Charset charset, boolean hasHeader) {
        return new Csv(file, delimiter, quotes, charset, hasHeader);
    }

    public List<String> header() {
        return header;
    }

    public String file() {
        return file;
    }

    public Optional<Row> next() {
        return readRecord().map(cells -> new Row(recordStart, cells, columns));
    }

    private Optional<List<String>> readRecord() {
        try {
            String line = in.readLine();
            while (line != null && line.isEmpty()) {
                lineNo++;
                line = in.readLine();
            }
            if (line == null) return Optional.empty();
            lineNo++;
            recordStart = lineNo;
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean inQuotes = false;
            int i = 0;
            while (true) {
                if (i >= line.length()) {
                    if (inQuotes) {
                        String more = in.readLine();
                        if (more == null) throw new IllegalStateException(file + " line " + lineNo + ": unterminated quoted field");
                        lineNo++;
                        cell.append('\n');
                        line = more;
                        i = 0;
                        continue;
                    }
                    cells.add(cell.toString());
                    return Optional.of(cells);
                }
                char c = line.charAt(i);
                if (inQuotes) {
                    if (c == '"') {
                        if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            inQuotes = false;
                        }
                    } else {
                        cell.append(c);
                    }
                } else if (c == delimiter) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '"' && quotes && cell.length() == 0) {
                    inQuotes = true;
                } else if (c != '\r' || i + 1 < line.length()) {
                    cell.append(c);
                }
                i++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
