package dev.rarec.corpus;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TitleMentionDetectorTest {
    private final TitleMentionDetector detector = TitleMentionDetector.of(TitleIndex.of(TitleIndexTest.corpus()));

    @Test
    void detectsTitlesWithAndWithoutYearCaseAndPunctuationTolerant() {
        assertThat(detector.detect("I loved Heat (1995) and the matrix!")).containsExactly(0, 1);
        assertThat(detector.detect("have you seen pulp fiction?")).containsExactly(6);
        assertThat(detector.detect("Something like Star Wars, or TITANIC (1997)")).containsExactly(5, 8);
        assertThat(detector.detect("i watched titanic yesterday")).containsExactly(8);
        assertThat(detector.detect("How about It (2017)?")).containsExactly(2);
        assertThat(detector.detect("Heat")).containsExactly(0);
    }

    @Test
    void ordinaryWordsAreNotTitlesUnlessCapitalisedOrDated() {
        assertThat(detector.detect("It was great, I liked it a lot")).isEmpty();
        assertThat(detector.detect("what's up? do you like scary movies")).isEmpty();
        assertThat(detector.detect("I want to do the right thing here")).isEmpty();
        assertThat(detector.detect("My kids loved Up so much")).containsExactly(4);
        assertThat(detector.detect("Spike Lee's Do the Right Thing is a classic")).containsExactly(7);
        assertThat(detector.detect("HAVE YOU SEEN IT OR UP")).as("capitals of a shouted message say nothing").isEmpty();
    }

    @Test
    void namesOfPeopleAndUnknownMoviesAreNotMentions() {
        assertThat(detector.detect("Anything without Tom Cruise in it")).isEmpty();
        assertThat(detector.detect("I enjoyed Obscure Night Film")).as("not popular enough without a year").isEmpty();
        assertThat(detector.detect("I enjoyed Obscure Night Film (2001)")).containsExactly(14);
    }
}
