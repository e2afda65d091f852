package dev.rarec.generator;

import dev.rarec.corpus.Movie;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TitleMatcherTest {

    static Movie movie(int id, String title, int year) {
        return new Movie(id, "", title, year, List.of(), "", List.of(), "", List.of());
    }

    private final List<Movie> candidates = List.of(
            movie(10, "The Matrix", 1999),
            movie(11, "Heat", 1995),
            movie(12, "The Lion King", 1994),
            movie(13, "The Lion King", 2019),
            movie(14, "It", 2017),
            movie(15, "It Chapter Two", 2019),
            movie(16, "Amélie", 2001));

    @Test
    void ratioIsTheFuzzRatio() {
        // fuzz.ratio("this is a test", "this is a test!") == 97; ("kitten", "sitting") == 62
        assertThat(TitleMatcher.ratio("this is a test", "this is a test!")).isCloseTo(0.9655, within(1e-3));
        assertThat(TitleMatcher.ratio("kitten", "sitting")).isCloseTo(0.6154, within(1e-3));
        assertThat(TitleMatcher.ratio("", "")).isEqualTo(1.0);
        assertThat(TitleMatcher.ratio("a", "")).isEqualTo(0.0);
    }

    @Test
    void normalisesCasePunctuationAccentsAndArticles() {
        assertThat(TitleMatcher.similarity("Matrix (1999)", "The Matrix (1999)")).isEqualTo(1.0);
        assertThat(TitleMatcher.similarity("Amelie", "Amélie (2001)")).isEqualTo(1.0);
    }

    @Test
    void matchesInOrderAndAppendsTheRestInRetrieverOrder() {
        Ranking r = new TitleMatcher().match("1. Heat (1995)\n2. the matrix", candidates);
        assertThat(r.items()).containsExactly(11, 10, 12, 13, 14, 15, 16);
        assertThat(r.lines()).isEqualTo(2);
        assertThat(r.hallucinations()).isZero();
    }

    @Test
    void theYearPicksBetweenSameNamedFilms() {
        Ranking r = new TitleMatcher().match("1. The Lion King (2019)\n2. The Lion King (1994)", candidates);
        assertThat(r.items().subList(0, 2)).containsExactly(13, 12);
        // without a year, a repeat goes to the unplaced one of the same name instead of being dropped
        Ranking noYear = new TitleMatcher().match("1. The Lion King\n2. The Lion King", candidates);
        assertThat(noYear.items().subList(0, 2)).containsExactly(12, 13);
        assertThat(noYear.hallucinations()).isZero();
    }

    @Test
    void aLongerTitleIsNotCutToAShorterCandidate() {
        Ranking r = new TitleMatcher().match("1. It: Chapter Two - creepy sequel\n2. It", candidates);
        assertThat(r.items().subList(0, 2)).containsExactly(15, 14);
    }

    @Test
    void unmatchedLinesAreHallucinationsAndDuplicatesAreIgnored() {
        Ranking r = new TitleMatcher().match("1. Inception\n2. Heat\n3. Heat (1995)\n4. The Matrx\n5. Titanic", candidates);
        assertThat(r.lines()).isEqualTo(5);
        assertThat(r.hallucinations()).isEqualTo(2);
        assertThat(r.items()).containsExactly(11, 10, 12, 13, 14, 15, 16);
    }

    @Test
    void theThresholdIsThePapers() {
        assertThat(TitleMatcher.DEFAULT_THRESHOLD).isEqualTo(0.85);
        // "heat" vs "heist": 2*3/9 = 0.67 -> hallucination; a stricter matcher refuses a near miss the default accepts
        assertThat(new TitleMatcher().match("1. Heist", candidates).hallucinations()).isEqualTo(1);
        assertThat(new TitleMatcher().match("1. The Matrixx", candidates).hallucinations()).isZero();
        assertThat(new TitleMatcher(0.99).match("1. The Matrixx", candidates).hallucinations()).isEqualTo(1);
    }

    @Test
    void garbageKeepsEveryCandidateInRetrieverOrder() {
        Ranking r = new TitleMatcher().match("I'm sorry, I cannot help with that request.\nasdf qwerty", candidates);
        assertThat(r.items()).containsExactly(10, 11, 12, 13, 14, 15, 16);
        // The apology is prose, not a title; only "asdf qwerty" is a line that named no candidate.
        assertThat(r.hallucinations()).isEqualTo(r.lines()).isEqualTo(1);
    }

    @Test
    void everyCandidateAppearsExactlyOnce() {
        Ranking r = new TitleMatcher().match("1. Heat\n2. Heat\n3. It\n4. It\n5. It Chapter Two\n6. Amelie\n7. The Matrix", candidates);
        assertThat(r.items()).hasSize(candidates.size()).doesNotHaveDuplicates();
    }

    @Test
    void aTitleMatchesWithAndWithoutItsParentheticalOrSubtitle() {
        List<Movie> sequels = List.of(
                movie(20, "Alien: Covenant", 2017),
                movie(21, "Star Wars: The Force Awakens (Episode VII)", 2015),
                movie(22, "Star Wars: Episode IV - A New Hope", 1977),
                movie(23, "Alien", 1979),
                movie(24, "City of Lost Children, The (Cité des enfants perdus, La)", 1995));
        // 0.82 against the full corpus title, which used to make this a hallucination
        assertThat(TitleMatcher.similarity("Star Wars: The Force Awakens", "Star Wars: The Force Awakens (Episode VII)")).isLessThan(0.85);
        Ranking r = new TitleMatcher().match("""
                1. Star Wars: The Force Awakens
                2. Alien
                3. Star Wars: A New Hope
                4. The City of Lost Children
                5. Star Wars: The Force Awakens (Episode VII) (2015)""", sequels);
        assertThat(r.items()).containsExactly(21, 23, 22, 24, 20);
        assertThat(r.hallucinations()).isZero();
        // the short form names the film when nothing better does
        assertThat(new TitleMatcher().match("1. Covenant\n2. Alien: Covenant", sequels).items().get(0)).isEqualTo(20);
    }
}
