package dev.rarec.data;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HeTestReaderTest {
    @TempDir
    Path data;

    private final Corpus corpus = DataFixtures.corpus();

    @Test
    void readsSamplesWithRolesFromThePromptAndDbpediaTargets() {
        Fixtures.write(data, "inspired/he2023_cikm_eval/entity2id.json.gz", "{\"<http://dbpedia.org/resource/Heat_(1995_film)>\": 0,"
                + " \"<http://dbpedia.org/resource/The_Matrix>\": 1, \"<http://dbpedia.org/resource/Drama>\": 2,"
                + " \"<http://dbpedia.org/resource/Alien_(film)>\": 3, \"<http://dbpedia.org/resource/Nothing_Known_(song)>\": 4}");
        Fixtures.write(data, "inspired/he2023_cikm_eval/item_ids.json", "[0, 1, 3, 4]");
        Fixtures.write(data, "inspired/he2023_cikm_eval/test.jsonl.gz",
                "{\"context\": [\"\", \"Hi!\", \"I love The Matrix and drama\"], \"resp\": \"Try Heat or The Matrix\", \"rec\": [0, 1],"
                        + " \"prev_entity\": [1, 2], \"dialog_id\": \"test_0\", \"turn_id\": \"test_2\","
                        + " \"input\": \"\\nSystem: Hi!\\nUser: I love The Matrix and drama\\nSystem: \"}\n"
                        + "{\"context\": [\"\", \"Hello\"], \"resp\": \"x\", \"rec\": [4], \"prev_entity\": [], \"dialog_id\": \"test_1\","
                        + " \"turn_id\": \"test_1\", \"input\": \"\\nUser: Hello\\nSystem: \"}\n"
                        + "{\"resp\": \"no context\"}\n"
                        + "{\"context\": [\"\", \"Hey\"], \"resp\": \"Alien\", \"rec\": [3], \"prev_entity\": [], \"dialog_id\": \"test_2\","
                        + " \"turn_id\": \"test_1\", \"input\": \"\\nUser: Hey\\nSystem: \"}\n");
        CrsDataset d = Datasets.load("inspired-he", "test", corpus, data);

        assertThat(d.examples()).hasSize(2);
        CrsExample first = d.examples().get(0);
        assertThat(first.conversationId()).isEqualTo("test_0#test_2");
        assertThat(first.context()).extracting(Turn::role).containsExactly(Role.RECOMMENDER, Role.SEEKER);
        assertThat(first.context().get(1).text()).isEqualTo("I love The Matrix and drama");
        assertThat(first.historyItems()).containsExactly(DataFixtures.MATRIX);
        assertThat(first.targets()).as("The Matrix was mentioned before").containsExactly(DataFixtures.HEAT);
        assertThat(d.examples().get(1).targets()).containsExactly(DataFixtures.ALIEN);

        assertThat(d.links().mentions()).isEqualTo(4);
        assertThat(d.links().linked()).isEqualTo(3);
        assertThat(d.links().unlinkedSample()).containsExactly("<http://dbpedia.org/resource/Nothing_Known_(song)>");
        assertThat(d.links().examplesWithoutTargets()).isEqualTo(1);
        assertThat(d.links().malformed()).singleElement().satisfies(b -> assertThat(b.line()).isEqualTo(3));
    }

    @Test
    void redditSamplesAndVocabularyAreKeyedByImdbIds() {
        Path vocab = Fixtures.write(data, "reddit_movie/he2023_cikm/entity2id.json.gz",
                "{\"Heat (1995)\": \"tt0113277\", \"Toy Story (1995)\": \"tt0114709\", \"Se7en (1995)\": \"tt9999999\", \"Lost Film (1950)\": \"tt0000042\"}");
        Path samples = Fixtures.write(data, "reddit/test.jsonl",
                "{\"input\": \"\\nUser: I liked Heat, what else?\\nSystem: \", \"rec\": [\"tt0114709\", \"tt0000042\"], \"prev_entity\": [\"tt0113277\"]}\n"
                        + "not json\n");
        CrsDataset d = RedditMovie.read(samples, "test", vocab, corpus, data);
        assertThat(d.examples()).singleElement().satisfies(e -> {
            assertThat(e.context()).singleElement().satisfies(t -> {
                assertThat(t.role()).isEqualTo(Role.SEEKER);
                assertThat(t.text()).isEqualTo("I liked Heat, what else?");
            });
            assertThat(e.historyItems()).containsExactly(DataFixtures.HEAT);
            assertThat(e.targets()).containsExactly(DataFixtures.TOY_STORY);
        });
        assertThat(d.links().mentions()).isEqualTo(2);
        assertThat(d.links().linked()).isEqualTo(1);
        assertThat(d.links().malformed()).singleElement().satisfies(b -> assertThat(b.line()).isEqualTo(2));

        assertThat(RedditMovie.vocabulary(vocab)).containsEntry("Heat (1995)", "tt0113277").hasSize(4);
        LinkStats vocabLinks = RedditMovie.vocabularyLinks(corpus, data);
        assertThat(vocabLinks.mentions()).isEqualTo(4);
        assertThat(vocabLinks.linked()).as("Se7en links by title when its IMDb id is unknown").isEqualTo(3);
    }
}
