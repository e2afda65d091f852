package dev.rarec.generator;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Movie;
import dev.rarec.understanding.Constraints;
import dev.rarec.understanding.UserIntent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReasonsTest {
    private static Movie movie(int id, String title, int year, String director, List<String> genres) {
        return new Movie(id, "tt" + id, title, year, genres, director, List.of(), "", List.of("test"));
    }

    private static final Corpus CORPUS = new Corpus(List.of(
            movie(0, "The Lord of the Rings: The Fellowship of the Ring", 2001, "Peter Jackson", List.of("Adventure", "Fantasy")),
            movie(1, "The Lord of the Rings", 1978, "Ralph Bakshi", List.of("Adventure", "Fantasy")),
            movie(2, "Harry Potter and the Philosopher's Stone", 2001, "Chris Columbus", List.of("Adventure", "Fantasy"))));

    private static String reasonFor(int movie) {
        UserIntent likedTheFellowship = new UserIntent(List.of(0), List.of(), List.of(), Constraints.NONE, List.of("I loved LOTR"));
        return Reasons.explain(CORPUS.get(movie), likedTheFellowship, CORPUS);
    }

    @Test
    void anotherFilmOfTheLikedFilmsKindIsOneOfItsDecadeToo() {
        assertThat(reasonFor(2)).isEqualTo("Another 2000s adventure fantasy film, like The Lord of the Rings: The Fellowship of the Ring");
        // Not "Another 1970s ...": the liked film is from 2001.
        assertThat(reasonFor(1)).isEqualTo("A 1970s adventure fantasy film, like The Lord of the Rings: The Fellowship of the Ring");
    }
}
