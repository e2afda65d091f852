package dev.rarec.data;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Fixtures;
import dev.rarec.util.DataDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReDialReaderTest {
    @TempDir
    Path data;

    private final Corpus corpus = DataFixtures.corpus();

    private static String conversation(String id, String sources) {
        return "{\"conversationId\": \"" + id + "\", \"initiatorWorkerId\": 1, \"respondentWorkerId\": 2,"
                + " \"movieMentions\": {\"11\": \"Heat  (1995)\", \"22\": \"Matrix, The (1999)\", \"33\": \"Nowhere Film (1900)\"},"
                + sources
                + " \"messages\": ["
                + "{\"text\": \"Hi, I liked @11\", \"senderWorkerId\": 1, \"messageId\": 1},"
                + "{\"text\": \"and &quot;action&quot;\", \"senderWorkerId\": 1, \"messageId\": 2},"
                + "{\"text\": \"Try @22 or @11\", \"senderWorkerId\": 2, \"messageId\": 3},"
                + "{\"text\": \"Seen @22. What about @33?\", \"senderWorkerId\": 1, \"messageId\": 4},"
                + "{\"text\": \"Then @33\", \"senderWorkerId\": 2, \"messageId\": 5}]}";
    }

    @Test
    void readsTheOfficialTestMergingSameSenderMessagesAndReplacingMentionsByTitles() {
        Fixtures.write(data, "redial/original/test_data.jsonl.gz", conversation("20001", "") + "\n"
                + "{not json\n"
                + "{\"conversationId\": \"20002\", \"initiatorWorkerId\": 1, \"messages\": []}\n");
        CrsDataset d = Datasets.load("redial", "test", corpus, data);

        assertThat(d.conversations()).hasSize(1);
        Conversation c = d.conversations().get(0);
        assertThat(c.id()).isEqualTo("20001");
        assertThat(c.turns()).extracting(Turn::role).containsExactly(Role.SEEKER, Role.RECOMMENDER, Role.SEEKER, Role.RECOMMENDER);
        assertThat(c.turns().get(0).text()).isEqualTo("Hi, I liked Heat (1995) and \"action\"");
        assertThat(c.turns().get(0).items()).containsExactly(DataFixtures.HEAT);
        assertThat(c.turns().get(1).text()).isEqualTo("Try Matrix, The (1999) or Heat (1995)");
        assertThat(c.turns().get(1).items()).containsExactly(DataFixtures.MATRIX, DataFixtures.HEAT);

        assertThat(d.examples()).hasSize(1);
        assertThat(d.examples().get(0).targets()).containsExactly(DataFixtures.MATRIX);
        assertThat(d.examples().get(0).historyItems()).containsExactly(DataFixtures.HEAT);

        LinkStats links = d.links();
        assertThat(links.mentions()).isEqualTo(6);
        assertThat(links.linked()).as("@33 names a film the corpus lacks").isEqualTo(4);
        assertThat(links.unlinkedSample()).contains("@33 Nowhere Film (1900)");
        assertThat(links.examplesWithoutTargets()).as("the last recommender turn names only an unlinked film").isZero();
        assertThat(links.malformed()).hasSize(2);
        assertThat(links.malformed().get(0).line()).isEqualTo(2);
        assertThat(links.malformed().get(0).reason()).contains("not a JSON object");
        assertThat(links.malformed().get(1).line()).isEqualTo(3);
        assertThat(links.malformed().get(1).reason()).contains("20002").contains("messages");
    }

    @Test
    void trainAndValidComeFromThePartialTrainByIevalmValidMembership() {
        Fixtures.write(data, "redial/train_partial/train_partial_merged.jsonl.gz",
                conversation("5", "\"_sources\": [\"Lancelot39/KGSF:data/valid_data.jsonl\"],") + "\n"
                        + conversation("6", "\"_sources\": [\"tnt305/iEvaLM-CRS:data/redial/valid_data.jsonl\"],") + "\n");
        assertThat(Datasets.load("redial", "train", corpus, data).conversations()).extracting(Conversation::id).containsExactly("5");
        assertThat(Datasets.load("redial", "valid", corpus, data).conversations()).extracting(Conversation::id).containsExactly("6");
    }

    @Test
    void missingFileNamesThePathAndTheOfficialSource() {
        assertThatThrownBy(() -> Datasets.load("redial", "test", corpus, data))
                .isInstanceOf(DataDir.MissingDataException.class)
                .hasMessageContaining("redial/original/test_data.jsonl.gz")
                .hasMessageContaining("redialdata.github.io");
    }

    @Test
    void unknownDatasetOrSplitIsABadArgument() {
        assertThatThrownBy(() -> Datasets.load("nope", "test", corpus, data)).hasMessageContaining("unknown dataset");
        assertThatThrownBy(() -> Datasets.load("redial-he", "train", corpus, data)).hasMessageContaining("no split 'train'");
    }

    @Test
    void redialIdsLinkThroughId2InfoUnlessItsFilmDisagreesWithTheTitle() {
        Fixtures.write(data, "redial/ievalm/id2info.json.gz",
                "{\"11\": {\"name\": \"Heat (1995)\", \"imdb_id\": \"tt0113277\"}, \"44\": {\"name\": \"Ring (1998)\", \"imdb_id\": \"tt0078748\"}}");
        Fixtures.write(data, "redial/original/movies_with_mentions.csv", "movieId,movieName,nbMentions\n11,Heat  (1995),3\n44,Se7en (1995),1\n");
        EntityLinker linker = Datasets.linker(corpus, data);
        assertThat(linker.redial("11", "")).contains(DataFixtures.HEAT);
        assertThat(linker.redial("44", "Se7en (1995)")).as("id2info says Alien (1979): wrong film, the title wins").contains(DataFixtures.SEVEN);
        assertThat(linker.redial("99", "")).isEmpty();
    }
}
