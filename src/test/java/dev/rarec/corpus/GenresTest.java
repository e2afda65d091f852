package dev.rarec.corpus;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GenresTest {
    @Test
    void catalogueLabelsMapToOneOrMoreVocabularyGenres() {
        assertThat(Genres.normalise(List.of("Romantic Comedy"))).containsExactly("Comedy", "Romance");
        assertThat(Genres.normalise(List.of("Sci-Fi & Fantasy"))).containsExactly("Fantasy", "Sci-Fi");
        assertThat(Genres.normalise(List.of("Children & Family Movies", "Comedies"))).containsExactly("Comedy", "Family");
        assertThat(Genres.normalise(List.of("science fiction", "Science Fiction", "sci-fi"))).containsExactly("Sci-Fi");
        assertThat(Genres.normalise(List.of("Noir", "Suspense"))).containsExactly("Film-Noir", "Thriller");
        assertThat(Genres.normalise(List.of(" TV Dramas ", "Action & Adventure"))).containsExactly("Action", "Adventure", "Drama");
    }

    @Test
    void shelvesAndFormatsAreNotGenres() {
        for (String shelf : List.of("International TV Shows", "International Movies", "Independent Movies", "Cult Movies", "LGBTQ",
                "TV Movie", "Silent", "Short", "IMAX", "(no genres listed)", "Special Interest", "Arthouse")) {
            assertThat(Genres.known(shelf)).as(shelf).isTrue();
            assertThat(Genres.canonical(shelf)).as(shelf).isEmpty();
        }
        assertThat(Genres.normalise(List.of("International Movies", "Dramas", "Independent Movies"))).containsExactly("Drama");
    }

    @Test
    void unknownLabelsAreReportedAndDropped() {
        assertThat(Genres.known("Mumblecore")).isFalse();
        assertThat(Genres.normalise(List.of("Mumblecore", "Comedy"))).containsExactly("Comedy");
    }

    @Test
    void everyVocabularyGenreMapsToItself() {
        for (String g : Genres.VOCABULARY) assertThat(Genres.normalise(List.of(g.toUpperCase()))).containsExactly(g);
    }
}
