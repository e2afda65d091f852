package dev.rarec.corpus;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Duplicate entries as the real catalogues write them (Disney+, Amazon, MovieLens, Wikipedia). */
class DuplicatesTest {
    private static SourceMovie record(String source, String imdb, String title, int year, String director) {
        return new SourceMovie(source, imdb, "", List.of(title), year, List.of("Action"), director, List.of(), "");
    }

    private static List<Movie> build(SourceMovie... records) {
        CorpusBuilder b = new CorpusBuilder();
        for (SourceMovie s : records) b.add(s);
        return b.movies();
    }

    @Test
    void brandPrefixWithTheSameDirectorIsTheSameFilm() {
        CorpusBuilder b = new CorpusBuilder();
        b.add(record("movielens", "tt0848228", "The Avengers", 2012, "Joss Whedon"));
        b.add(record("redial-crb", "tt0848228", "The Avengers", 2012, "Joss Whedon"));
        b.add(record("disney", "", "Marvel Studios' The Avengers", 2012, "Joss Whedon"));
        b.add(record("disney", "", "Marvel Studios' Captain Marvel", 2019, "Anna Boden, Ryan Fleck"));
        b.add(record("movielens", "tt4154664", "Captain Marvel", 2018, "Ryan Fleck, Anna Boden"));
        Corpus corpus = b.corpus();
        assertThat(corpus.movies()).extracting(Movie::displayTitle).containsExactly("The Avengers (2012)", "Captain Marvel (2018)");
        Movie avengers = corpus.byImdbId("tt0848228").orElseThrow();
        assertThat(avengers.sources()).containsExactly("movielens", "redial-crb", "disney");
        assertThat(corpus.alternativeTitles(avengers.id())).containsExactly("Marvel Studios' The Avengers");
    }

    @Test
    void editionAndLanguageRemarksAreTheSameFilm() {
        List<Movie> movies = build(
                record("movielens", "tt0016220", "The Phantom of the Opera", 1925, "Rupert Julian, Lon Chaney"),
                record("amazon", "", "The Phantom of the Opera (Silent)", 1925, "Rupert Julian"),
                record("movielens", "tt0107362", "Last Action Hero", 1993, "John McTiernan"),
                record("amazon", "", "Last Action Hero (4K UHD)", 1993, ""),
                record("movielens", "tt1259521", "The Cabin in the Woods", 2012, "Drew Goddard"),
                record("amazon", "", "The Cabin in the Woods Unrated", 2012, ""),
                record("movielens", "tt6836936", "Saaho", 2019, "Sujeeth"),
                record("amazon", "", "Saaho (Malayalam)", 2019, "Sujeeth"));
        assertThat(movies).extracting(Movie::displayTitle).containsExactlyInAnyOrder("Last Action Hero (1993)", "The Phantom of the Opera (1925)",
                "The Cabin in the Woods (2012)", "Saaho (2019)");
    }

    @Test
    void sequelsPartsAndOtherFilmsStayApart() {
        List<Movie> movies = build(
                // two films contain "Mesrine": neither is merged
                record("wikipedia", "", "Mesrine", 2008, "Jean-François Richet"),
                record("amazon", "", "Mesrine Killer Instinct", 2008, "Jean-François Richet"),
                record("amazon", "", "Mesrine Public Enemy Number One", 2008, "Jean-François Richet"),
                // volumes of one work
                record("movielens", "", "Nymphomaniac", 2013, "Lars von Trier"),
                record("netflix", "", "Nymphomaniac Vol. II", 2013, "Lars von Trier"),
                // a sequel special a year later, same director
                record("disney", "", "Prep & Landing", 2009, "Kevin Deters, Stevie Wermers"),
                record("disney", "", "Prep & Landing: Operation Secret Santa", 2010, "Kevin Deters, Stevie Wermers"),
                // a possessive prefix but another director
                record("movielens", "tt5909128", "Hammer", 2016, "Nurbek Egen"),
                record("amazon", "", "Jacob's Hammer", 2016, "Angie Bojtler"),
                // one title inside the other, no director on one side
                record("wikipedia", "", "Shadows", 1916, ""),
                record("wikipedia", "", "Life's Shadows", 1916, ""),
                // a remark but two IMDb ids
                record("movielens", "tt0113277", "Heat", 1995, "Michael Mann"),
                record("imdb5000", "tt9999998", "Heat (TV cut)", 1995, "Michael Mann"));
        assertThat(movies).extracting(Movie::displayTitle).hasSize(13);
    }

    @Test
    void survivorKeepsItsFieldsAndOnlyFillsWhatItLacks() {
        CorpusBuilder b = new CorpusBuilder();
        b.add(new SourceMovie("movielens", "tt4141368", "", List.of("Robert the Doll"), 2015, List.of("Horror"), "Andrew Jones", List.of(), ""));
        b.add(new SourceMovie("amazon", "", "", List.of("Robert"), 2015, List.of("Horror", "Suspense"), "Andrew Jones",
                List.of("Suzie Frances Garton"), "A haunted doll."));
        Movie robert = b.movies().get(0);
        assertThat(b.movies()).hasSize(1);
        assertThat(robert.title()).as("the entry with the IMDb id keeps its title").isEqualTo("Robert the Doll");
        assertThat(robert.genres()).containsExactly("Horror");
        assertThat(robert.cast()).containsExactly("Suzie Frances Garton");
        assertThat(robert.plot()).isEqualTo("A haunted doll.");
    }
}
