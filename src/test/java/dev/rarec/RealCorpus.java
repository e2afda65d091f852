package dev.rarec;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.CorpusBuilder;
import dev.rarec.corpus.TitleIndex;
import dev.rarec.corpus.TitleMentionDetector;

import java.nio.file.Files;

/**
 * The unified corpus built once from the real data dir and shared by every test class that needs real
 * corpus entries (the suite runs in one JVM), with its title detector.
 */
public final class RealCorpus {
    private static Corpus corpus;
    private static TitleMentionDetector detector;

    private RealCorpus() {}

    /** The corpus of the data dir; skips (fails under CI) when the data dir is missing. */
    public static synchronized Corpus get() {
        TestData.require(Files.isDirectory(TestData.dataDir().resolve("movielens/ml-latest-2023")),
                "no data dir with movielens/ml-latest-2023 at " + TestData.dataDir());
        if (corpus == null) corpus = CorpusBuilder.build(TestData.dataDir(), msg -> { });
        return corpus;
    }

    public static synchronized TitleMentionDetector detector() {
        if (detector == null) detector = TitleMentionDetector.of(TitleIndex.of(get()));
        return detector;
    }
}
