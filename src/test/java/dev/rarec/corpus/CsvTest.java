package dev.rarec.corpus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvTest {
    @TempDir
    Path dir;

    @Test
    void readsQuotedFieldsDoubledQuotesAndLineBreaksWithLineNumbers() {
        Path f = Fixtures.write(dir, "a.csv.gz", "id,title,plot\r\n1,\"Heat\",\"a \"\"cop\"\" story\"\n2,\"Up, Again\",\"two\nlines\"\n\n3,Plain,x\n");
        List<Csv.Row> rows = new ArrayList<>();
        try (Csv csv = Csv.open(f)) {
            assertThat(csv.header()).containsExactly("id", "title", "plot");
            for (Optional<Csv.Row> r = csv.next(); r.isPresent(); r = csv.next()) rows.add(r.get());
        }
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("plot")).isEqualTo("a \"cop\" story");
        assertThat(rows.get(1).get("title")).isEqualTo("Up, Again");
        assertThat(rows.get(1).get("plot")).isEqualTo("two\nlines");
        assertThat(rows.get(2).line()).isEqualTo(6);
        assertThat(rows.get(2).get("missing")).isEmpty();
    }

    @Test
    void tsvKeepsQuotesAsText() {
        Path f = Fixtures.write(dir, "a.tsv", "a\tb\n\"x\tit's\n");
        try (Csv csv = Csv.openTsv(f, true)) {
            Csv.Row row = csv.next().orElseThrow();
            assertThat(row.get("a")).isEqualTo("\"x");
            assertThat(row.get("b")).isEqualTo("it's");
        }
    }

    @Test
    void unterminatedQuoteNamesFileAndLine() {
        Path f = Fixtures.write(dir, "bad.csv", "id,title\n1,\"never closed\n");
        try (Csv csv = Csv.open(f)) {
            assertThatThrownBy(csv::next).hasMessageContaining("bad.csv").hasMessageContaining("line 2").hasMessageContaining("unterminated");
        }
    }

    @Test
    void pythonLiteralsGiveListItemsOrDictKeys() {
        assertThat(PyLiteral.strings("['Knives Out (2019)', \"Schindler's List (1993)\"]")).containsExactly("Knives Out (2019)", "Schindler's List (1993)");
        assertThat(PyLiteral.strings("{'Hustlers (2019)': 0, 'Up, Again': 1}")).containsExactly("Hustlers (2019)", "Up, Again");
    }
}
