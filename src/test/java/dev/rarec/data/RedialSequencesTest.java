package dev.rarec.data;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RedialSequencesTest {
    @TempDir
    Path data;

    private final Corpus corpus = DataFixtures.corpus();

    @Test
    void mentionSequencesBecomeNextItemExamplesWithoutLeakingValidOrTestConversations() {
        Fixtures.write(data, "redial/mention_sequences_vachonni/redorid_index.tsv",
                "ReDOrId\ttitle_genres_string\tredial_movieId\tmapping_method\n"
                        + "0\tTitle: Heat.  Genres: crime\t11\ttitle\n"
                        + "1\tTitle: The Matrix.  Genres: sci-fi\t\tunmapped\n"
                        + "2\tTitle: Toy Story.  Genres: animation\t33\ttitle\n"
                        + "3\tTitle: Unheard Of.  Genres: drama\t\tunmapped\n");
        Fixtures.write(data, "redial/original/movies_with_mentions.csv", "movieId,movieName,nbMentions\n11,Heat (1995),1\n33,Toy Story (1995),1\n");
        Fixtures.write(data, "redial/mention_sequences_vachonni/Train_LIST.csv.gz",
                "data_idx,ConvID,qt_movies_mentioned,user_chrono_id,movie_ReDOrId,rating\n"
                        + "0,100,0,0,\"[0, 1, 3, 2]\",\"[1, 1, 0, 1]\"\n"
                        + "1,100,1,1,\"[1, 3, 2]\",\"[1, 0, 1]\"\n"
                        + "2,200,0,2,\"[0, 2]\",\"[1, 1]\"\n"
                        + "3,300,0,3,\"[2, 0]\",\"[1, 1]\"\n"
                        + "4,400,0,4,\"not a list\",\"[]\"\n");
        Fixtures.write(data, "redial/train_partial/train_partial_merged.jsonl.gz",
                "{\"conversationId\": \"200\", \"_sources\": [\"tnt305/iEvaLM-CRS:data/redial/valid_data.jsonl\"], \"messages\": []}\n");
        Fixtures.write(data, "redial/original/test_data.jsonl.gz", "{\"conversationId\": \"300\", \"messages\": []}\n");

        CrsDataset d = Datasets.load("redial-seq", "train", corpus, data);

        assertThat(d.conversations()).extracting(Conversation::id).containsExactly("redial-seq-100");
        assertThat(d.conversations().get(0).turns().get(0).items())
                .containsExactly(DataFixtures.HEAT, DataFixtures.MATRIX, DataFixtures.TOY_STORY);
        assertThat(d.examples()).hasSize(2);
        assertThat(d.examples().get(0).context()).isEmpty();
        assertThat(d.examples().get(0).historyItems()).containsExactly(DataFixtures.HEAT);
        assertThat(d.examples().get(0).targets()).containsExactly(DataFixtures.MATRIX);
        assertThat(d.examples().get(1).historyItems()).containsExactly(DataFixtures.HEAT, DataFixtures.MATRIX);
        assertThat(d.examples().get(1).targets()).containsExactly(DataFixtures.TOY_STORY);
        assertThat(d.links().mentions()).isEqualTo(4);
        assertThat(d.links().linked()).isEqualTo(3);
        assertThat(d.links().malformed()).singleElement().satisfies(b -> assertThat(b.line()).isEqualTo(6));
    }
}
