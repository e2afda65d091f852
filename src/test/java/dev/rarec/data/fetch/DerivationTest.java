package dev.rarec.data.fetch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each derivation on a small fixture the test writes; the pickles are CPython's own output (command beside each). */
class DerivationTest {
    /** {@code pickle.dumps({'train': {1:[1,2],2:[2]}, 'val': {1:[3],2:[1]}, 'test': {1:[2],2:[3]}, 'umap': {10:1, 5:2}, 'smap': {100:1, 200:2, 300:3}}, protocol=4)} */
    static final String LRUREC_P4 = "gASVfgAAAAAAAAB9lCiMBXRyYWlulH2UKEsBXZQoSwFLAmVLAl2USwJhdYwDdmFslH2UKEsBXZRLA2FLAl2USwFhdYwEdGVzdJR9lChLAV2USwJhSwJdlEsDYXWMBHVtYXCUfZQoSwpLAUsFSwJ1jARzbWFwlH2UKEtkSwFLyEsCTSwBSwN1dS4=";
    /** The same with {@code protocol=2} (BINPUT memo, BINUNICODE strings). */
    static final String LRUREC_P2 = "gAJ9cQAoWAUAAAB0cmFpbnEBfXECKEsBXXEDKEsBSwJlSwJdcQRLAmF1WAMAAAB2YWxxBX1xBihLAV1xB0sDYUsCXXEISwFhdVgEAAAAdGVzdHEJfXEKKEsBXXELSwJhSwJdcQxLA2F1WAQAAAB1bWFwcQ19cQ4oSwpLAUsFSwJ1WAQAAABzbWFwcQ99cRAoS2RLAUvISwJNLAFLA3V1Lg==";
    /** {@code pickle.dumps([("'71", 2014), ("Amélie", 2001), ("Big", 100000)], protocol=4)} */
    static final String CATALOGUE = "gASVLAAAAAAAAABdlCiMAyc3MZRN3geGlIwHQW3DqWxpZZRN0QeGlIwDQmlnlEqghgEAhpRlLg==";
    /** {@code np.save(f, np.array([['Title: A.  Genres: drama'], ['Title: Amélie.  Genres: comedy']], dtype=object), allow_pickle=True)} (numpy 2.4) */
    static final String NPY = "k05VTVBZAQB2AHsnZGVzY3InOiAnfE8nLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMiwgMSksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAqABJXJAAAAAAAAAIwWbnVtcHkuX2NvcmUubXVsdGlhcnJheZSMDF9yZWNvbnN0cnVjdJSTlIwFbnVtcHmUjAduZGFycmF5lJOUSwCFlEMBYpSHlFKUKEsBSwJLAYaUaAOMBWR0eXBllJOUjAJPOJSJiIeUUpQoSwOMAXyUTk5OSv////9K/////0s/dJRiiV2UKIwYVGl0bGU6IEEuICBHZW5yZXM6IGRyYW1hlIwfVGl0bGU6IEFtw6lsaWUuICBHZW5yZXM6IGNvbWVkeZRldJRiLg==";

    @TempDir
    Path dir;

    @Test
    void lrurecSplitListsEachUserByOriginalIdWithTrainThenValThenTest() throws IOException {
        String expected = "userId\tmovieIds_chronological(train...,val,test)\n5\t200 100 300\n10\t100 200 300 200\n";
        assertThat(derive(Derivation.LRUREC_SPLIT, "m/sequences.tsv.gz", write("p4.pkl", Base64.getDecoder().decode(LRUREC_P4)))).isEqualTo(expected);
        assertThat(derive(Derivation.LRUREC_SPLIT, "m/sequences.tsv.gz", write("p2.pkl", Base64.getDecoder().decode(LRUREC_P2)))).isEqualTo(expected);
    }

    @Test
    void redditCatalogueIsTitleTabYear() throws IOException {
        assertThat(derive(Derivation.REDDIT_CATALOGUE, "r/gt_catalog.tsv", write("c.pkl", Base64.getDecoder().decode(CATALOGUE))))
                .isEqualTo("title\tyear\n'71\t2014\nAmélie\t2001\nBig\t100000\n");
    }

    @Test
    void npyObjectArrayGivesItsStrings() throws IOException {
        assertThat(Pickles.npyStrings(write("t.npy", Base64.getDecoder().decode(NPY))))
                .containsExactly("Title: A.  Genres: drama", "Title: Amélie.  Genres: comedy");
    }

    @Test
    void redorIndexIsEachNpyTitleWithTheReDialMovieIdItsTitleAndConversationsGive() throws IOException {
        String list = "data_idx,ConvID,qt_movies_mentioned,user_chrono_id,movie_ReDOrId,rating\n0,20,0,0,\"[1]\",\"[1]\"\n1,20,1,1,\"[]\",\"[]\"\n";
        Path npy = write("t.npy", Base64.getDecoder().decode(NPY));
        Path movies = write("m.csv", "movieId,movieName,nbMentions\n1,A (2001),1\n2,\"Amélie, the other (2001)\",1\n3,Amélie  (2001),3\n4,Amélie (2019),1\n"
                .getBytes(StandardCharsets.UTF_8));
        Path train = write("train.csv", list.getBytes(StandardCharsets.UTF_8));
        Path valid = write("v.jsonl", "{\"movieMentions\": {\"3\": \"Amélie  (2001)\", \"5\": \"X\"}, \"conversationId\": \"20\", \"messages\": []}\n"
                .getBytes(StandardCharsets.UTF_8));
        LayoutFile file = new LayoutFile("redial/redorid_index.tsv", Derivation.REDORID_INDEX,
                List.of(new Original("https://raw.githubusercontent.com/o/r/c/Data/titles.npy", "", 0),
                        new Original("https://raw.githubusercontent.com/o/w/c/movies_with_mentions.csv", "", 0),
                        new Original("https://raw.githubusercontent.com/o/r/c/Data/Train_LIST.csv", "", 0),
                        new Original("https://raw.githubusercontent.com/o/k/c/valid_data.jsonl", "", 0)), "", "");
        // 0 "A": one title candidate, in no known conversation; 1 "Amélie": two candidates, conversation 20 mentions 3
        assertThat(derive(file, npy, movies, train, valid)).isEqualTo("ReDOrId\ttitle_genres_string\tredial_movieId\tmapping_method\n"
                + "0\tTitle: A.  Genres: drama\t1\ttitle\n"
                + "1\tTitle: Amélie.  Genres: comedy\t3\ttitle+conv\n");
    }

    @Test
    void unsupportedOpcodeIsAnErrorNamingTheFileAndOffset() {
        byte[] evil = {(byte) 0x80, 4, 'I', '1', '\n', '.'}; // INT opcode (protocol 0), not among those used
        assertThatThrownBy(() -> PickleReader.read(evil, 0, "x.pkl")).hasMessageContaining("x.pkl").hasMessageContaining("0x49").hasMessageContaining("byte 2");
        assertThatThrownBy(() -> PickleReader.read(new byte[]{(byte) 0x80, 4, '}'}, 0, "cut.pkl")).hasMessageContaining("truncated");
    }

    @Test
    void unzipMemberExtractsTheMemberNamedLikeTheLayoutFile() throws IOException {
        Path zip = dir.resolve("t.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("__MACOSX/other.csv"));
            z.write("no".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("tmdb_5000_movies.csv"));
            z.write("id,title\n1,Heat\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(derive(Derivation.UNZIP_MEMBER, "t/tmdb_5000_movies.csv.gz", zip)).isEqualTo("id,title\n1,Heat\n");
        assertThatThrownBy(() -> derive(Derivation.UNZIP_MEMBER, "t/absent.csv.gz", zip)).hasMessageContaining("no member absent.csv");
    }

    @Test
    void uDataLosesOnlyTheFakeUserZero() throws IOException {
        Path data = write("u.data", "0\t50\t5\t881250949\n0\t172\t5\t881250949\n196\t242\t3\t881250949\n10\t0\t1\t1\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(derive(Derivation.DROP_FAKE_USER, "m/u.data.gz", data)).isEqualTo("196\t242\t3\t881250949\n10\t0\t1\t1\n");
    }

    @Test
    void redialCopiesMergeByConversationIdWithSourcesInPythonsJsonFormat() throws IOException {
        String a20 = "{\"movieMentions\": {\"1\": \"Amélie (2001)\"}, \"respondentQuestions\": {}, \"messages\": [{\"timeOffset\": 0, \"text\": \"say \\\"hi\\\"\\n\\u0001\", \"senderWorkerId\": 1, \"messageId\": 10}], \"conversationId\": \"20\", \"respondentWorkerId\": 2, \"initiatorWorkerId\": 1, \"initiatorQuestions\": []}";
        String a3 = "{\"movieMentions\": {}, \"respondentQuestions\": {}, \"messages\": [{\"timeOffset\": 5, \"text\": \"hello\", \"senderWorkerId\": 3, \"messageId\": 11}], \"conversationId\": \"3\", \"respondentWorkerId\": 4, \"initiatorWorkerId\": 3, \"initiatorQuestions\": {}}";
        String b20 = "{\"movieMentions\": {}, \"respondentQuestions\": {}, \"messages\": [{\"senderWorkerId\": 1, \"text\": \"other copy\", \"turn_id\": 0, \"entity\": [], \"item\": [], \"thread\": [], \"masked_text\": \"x\", \"word\": []}], \"conversationId\": \"20\", \"respondentWorkerId\": 2, \"initiatorWorkerId\": 1, \"initiatorQuestions\": []}";
        String b7 = "{\"movieMentions\": {\"2\": \"Heat (1995)\"}, \"respondentQuestions\": {\"2\": {\"suggested\": 1, \"seen\": 0, \"liked\": 1}}, \"messages\": [{\"senderWorkerId\": 5, \"text\": \"Hi there\", \"turn_id\": 0, \"entity\": [], \"item\": [], \"thread\": [], \"masked_text\": \"Hi there\", \"word\": [\"hi\"]}], \"conversationId\": \"7\", \"respondentWorkerId\": 6, \"initiatorWorkerId\": 5, \"initiatorQuestions\": {}}";
        Path a = write("a.jsonl", (a20 + "\n" + a3 + "\n").getBytes(StandardCharsets.UTF_8));
        Path b = write("b.jsonl", (b20 + "\n\n" + b7 + "\n").getBytes(StandardCharsets.UTF_8));
        LayoutFile file = new LayoutFile("redial/merged.jsonl.gz", Derivation.REDIAL_TRAIN_MERGE,
                List.of(new Original("https://raw.githubusercontent.com/o/a/c0/data/kgsf.jsonl", "", 0),
                        new Original("https://raw.githubusercontent.com/o/b/c1/ievalm.jsonl", "", 0)), "", "");
        String merged = derive(file, a, b);
        assertThat(merged.split("\n")).containsExactly(
                a3.substring(0, a3.length() - 1) + ", \"_messagesMerged\": false, \"_sources\": [\"o/a:data/kgsf.jsonl\"]}",
                "{\"movieMentions\": {\"2\": \"Heat (1995)\"}, \"respondentQuestions\": {\"2\": {\"suggested\": 1, \"seen\": 0, \"liked\": 1}}, "
                        + "\"initiatorQuestions\": {}, \"messages\": [{\"text\": \"Hi there\", \"senderWorkerId\": 5}], \"conversationId\": \"7\", "
                        + "\"initiatorWorkerId\": 5, \"respondentWorkerId\": 6, \"_messagesMerged\": true, \"_sources\": [\"o/b:ievalm.jsonl\"]}",
                a20.substring(0, a20.length() - 1) + ", \"_messagesMerged\": false, \"_sources\": [\"o/a:data/kgsf.jsonl\", \"o/b:ievalm.jsonl\"]}");
    }

    @Test
    void malformedCopyLineIsAnErrorNamingCopyAndLine() throws IOException {
        Path a = write("a.jsonl", "{\"conversationId\": \"1\", \"messages\": []}\n{broken\n".getBytes(StandardCharsets.UTF_8));
        LayoutFile file = new LayoutFile("redial/merged.jsonl.gz", Derivation.REDIAL_TRAIN_MERGE,
                List.of(new Original("https://raw.githubusercontent.com/o/a/c0/kgsf.jsonl", "", 0)), "", "");
        assertThatThrownBy(() -> derive(file, a)).hasMessageContaining("o/a:kgsf.jsonl line 2");
    }

    @Test
    void manifestNamesEveryDerivation() {
        Map<Derivation, Long> used = new java.util.EnumMap<>(Derivation.class);
        Manifest.load().files().forEach(f -> used.merge(f.derivation(), 1L, Long::sum));
        assertThat(used.keySet()).containsExactlyInAnyOrder(Derivation.values());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private String derive(Derivation d, String layoutPath, Path original) throws IOException {
        return derive(new LayoutFile(layoutPath, d, List.of(new Original("https://h/o/r/c/f", "", 0)), "", ""), original);
    }

    private static String derive(LayoutFile file, Path... originals) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        file.derivation().derive(file, new ArrayList<>(List.of(originals)), out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
