package dev.rarec.data;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class InspiredReaderTest {
    @TempDir
    Path data;

    private final Corpus corpus = DataFixtures.corpus();

    private static final String HEADER = "dialog_id\tutt_id\tspeaker\tturn_id\ttext\ttext_with_placeholder\tmovies\tgenres\tpeople_names\tmovie_dict\n";

    @Test
    void readsTheOriginalTsvGroupingUtterancesIntoTurns() {
        Fixtures.write(data, "inspired/original/dialog_data/test.tsv.gz", HEADER
                + "d1\t1\tRECOMMENDER\t1\tHi!\tHi!\t\t\t\t{}\n"
                + "d1\t2\tRECOMMENDER\t1\tWhat do you like?\tx\t\t\t\t{}\n"
                + "d1\t3\tSEEKER\t1\tI loved Heat and Se7en\tx\tHeat (1995);  Se7en (1995)\t\t\t{}\n"
                + "d1\t4\tNARRATOR\t1\t???\tx\t\t\t\t{}\n"
                + "d1\t5\tRECOMMENDER\t2\tTry Knives Out or Heat\tx\tKnives Out (2019); Heat (1995); Unheard Of (2030)\t\t\t{}\n"
                + "d2\t1\tSEEKER\t1\tAnything scary?\tx\t\t\t\t{}\n"
                + "d2\t2\tRECOMMENDER\t1\tAlien!\tx\tAlien (1979)\t\t\t{}\n");
        CrsDataset d = Datasets.load("inspired", "test", corpus, data);

        assertThat(d.conversations()).extracting(Conversation::id).containsExactly("d1", "d2");
        Conversation d1 = d.conversations().get(0);
        assertThat(d1.turns()).extracting(Turn::role).containsExactly(Role.RECOMMENDER, Role.SEEKER, Role.RECOMMENDER);
        assertThat(d1.turns().get(0).text()).isEqualTo("Hi! What do you like?");
        assertThat(d1.turns().get(1).items()).containsExactly(DataFixtures.HEAT, DataFixtures.SEVEN);
        assertThat(d.examples()).hasSize(2);
        assertThat(d.examples().get(0).targets()).containsExactly(DataFixtures.KNIVES_OUT);
        assertThat(d.examples().get(0).historyItems()).containsExactly(DataFixtures.HEAT, DataFixtures.SEVEN);
        assertThat(d.examples().get(1).targets()).containsExactly(DataFixtures.ALIEN);

        assertThat(d.links().mentions()).isEqualTo(6);
        assertThat(d.links().linked()).isEqualTo(5);
        assertThat(d.links().malformed()).singleElement().satisfies(b -> {
            assertThat(b.line()).isEqualTo(5);
            assertThat(b.reason()).contains("NARRATOR");
        });
    }

    @Test
    void readsTheUniCrsJsonl() {
        Fixtures.write(data, "inspired/unicrs_format/train_partial_100.jsonl.gz",
                "[{\"text\": \"Hi\", \"role\": \"RECOMMENDER\", \"movie\": []},"
                        + " {\"text\": \"I like The Matrix\", \"role\": \"SEEKER\", \"movie\": [\"The Matrix (1999)\"]},"
                        + " {\"text\": \"Then Heat\", \"role\": \"RECOMMENDER\", \"movie\": [\"Heat (1995)\"]}]\n"
                        + "[broken\n"
                        + "[{\"text\": \"x\", \"role\": \"ROBOT\", \"movie\": []}]\n");
        CrsDataset d = Datasets.load("inspired", "train", corpus, data);
        assertThat(d.conversations()).singleElement().satisfies(c -> assertThat(c.turns()).hasSize(3));
        assertThat(d.examples()).singleElement().satisfies(e -> {
            assertThat(e.historyItems()).containsExactly(DataFixtures.MATRIX);
            assertThat(e.targets()).containsExactly(DataFixtures.HEAT);
        });
        assertThat(d.links().malformed()).extracting(b -> b.line()).containsExactly(2L, 3L);
    }
}
