package dev.rarec.bench;

import dev.rarec.bench.ConversationSuite.Expectation;
import dev.rarec.bench.ConversationSuite.Film;
import dev.rarec.bench.ConversationSuite.NamedFilm;
import dev.rarec.bench.ConversationSuite.YearRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The checker on hand-made films: every constraint, its edge cases, and the same-film and resolution rules. */
class ExpectationCheckTest {
    private static final FilmFacts HEAT = new FilmFacts("tt0113277", "Heat", 1995, List.of("Action", "Crime", "Thriller"),
            List.of("Michael Mann"), List.of("Al Pacino", "Robert De Niro"));
    private static final FilmFacts DUNE = new FilmFacts("tt1160419", "Dune", 2021, List.of("Science Fiction", "Adventure"),
            List.of("Denis Villeneuve"), List.of("Timothée Chalamet", "Rebecca Ferguson"));
    private static final FilmFacts NO_GENRES = new FilmFacts("tt0000001", "Carmencita", 1894, List.of(), List.of(), List.of());

    private static Expectation expect(YearRange years, List<String> any, List<String> all, List<String> none, String person,
                                      List<NamedFilm> named, List<Film> notRecommended) {
        return new Expectation(years, any, all, none, person, named, notRecommended, null);
    }

    @Test
    void yearBoundsAreInclusiveAndAnUnknownYearFails() {
        Expectation nineties = expect(new YearRange(1990, 1999), null, null, null, null, null, null);
        assertThat(ExpectationCheck.failures(nineties, HEAT)).isEmpty();
        assertThat(ExpectationCheck.failures(expect(new YearRange(1995, null), null, null, null, null, null, null), HEAT)).isEmpty();
        assertThat(ExpectationCheck.failures(expect(new YearRange(null, 1994), null, null, null, null, null, null), HEAT)).containsExactly("years");
        FilmFacts undated = new FilmFacts("", "Untitled", 0, List.of("Drama"), List.of(), List.of());
        assertThat(ExpectationCheck.failures(nineties, undated)).containsExactly("years");
    }

    @Test
    void genreFamiliesMatchAnyLabelSpelling() {
        assertThat(GenreFamilies.matches(List.of("Sci-Fi"), "scifi")).isTrue();
        assertThat(GenreFamilies.matches(List.of("Science Fiction"), "scifi")).isTrue();
        assertThat(GenreFamilies.matches(List.of("Tv Sci-Fi & Fantasy"), "scifi")).isTrue();
        assertThat(GenreFamilies.matches(List.of("Kids' TV"), "family")).isTrue();
        assertThat(GenreFamilies.matches(List.of("Children's"), "family")).isTrue();
        assertThat(GenreFamilies.matches(List.of("Animated"), "animation")).isTrue();
        assertThat(GenreFamilies.matches(List.of("Film-Noir"), "noir")).isTrue();
        // whole words only: an award show is not a war film, a drama is not a "dram…" anything else
        assertThat(GenreFamilies.matches(List.of("Awards Show"), "war")).isFalse();
        assertThat(GenreFamilies.matches(List.of("Military And War"), "war")).isTrue();
        assertThat(GenreFamilies.matches(List.of("Romantic Tv Shows"), "romance")).isTrue();
        assertThat(GenreFamilies.matches(List.of("Drama"), "comedy")).isFalse();
    }

    @Test
    void genresAnyAllAndNone() {
        assertThat(ExpectationCheck.failures(expect(null, List.of("western", "crime"), null, null, null, null, null), HEAT)).isEmpty();
        assertThat(ExpectationCheck.failures(expect(null, List.of("western"), null, null, null, null, null), HEAT)).containsExactly("genresAny");
        assertThat(ExpectationCheck.failures(expect(null, null, List.of("crime", "thriller"), null, null, null, null), HEAT)).isEmpty();
        assertThat(ExpectationCheck.failures(expect(null, null, List.of("crime", "comedy"), null, null, null, null), HEAT)).containsExactly("genresAll");
        assertThat(ExpectationCheck.failures(expect(null, null, null, List.of("horror", "thriller"), null, null, null), HEAT)).containsExactly("genresNone");
        assertThat(ExpectationCheck.failures(expect(null, null, null, List.of("horror"), null, null, null), HEAT)).isEmpty();
    }

    @Test
    void aFilmWithoutGenresFailsWhatIsWantedButPassesAnExclusion() {
        assertThat(ExpectationCheck.failures(expect(null, List.of("drama"), null, null, null, null, null), NO_GENRES)).containsExactly("genresAny");
        assertThat(ExpectationCheck.failures(expect(null, null, null, List.of("horror"), null, null, null), NO_GENRES)).isEmpty();
    }

    @Test
    void personIsAFullNameInDirectorsOrCastIgnoringCaseAndAccents() {
        assertThat(ExpectationCheck.involves(HEAT, "Michael Mann")).isTrue();
        assertThat(ExpectationCheck.involves(HEAT, "robert de niro")).isTrue();
        assertThat(ExpectationCheck.involves(DUNE, "Timothee Chalamet")).isTrue();
        assertThat(ExpectationCheck.involves(HEAT, "De Niro")).isFalse();
        assertThat(ExpectationCheck.involves(HEAT, "Tom Hanks")).isFalse();
        assertThat(ExpectationCheck.failures(expect(null, null, null, null, "Tom Hanks", null, null), HEAT)).containsExactly("person");
    }

    @Test
    void aNamedOrRuledOutFilmMustNotBeRecommended() {
        NamedFilm heat = new NamedFilm("Heat", "tt0113277", "Heat", 1995, null, List.of("tt2404463"));
        assertThat(ExpectationCheck.failures(expect(null, null, null, null, null, List.of(heat), null), HEAT)).containsExactly("notNamed");
        Film seen = new Film("tt1160419", "Dune", 2021);
        assertThat(ExpectationCheck.failures(expect(null, null, null, null, null, null, List.of(seen)), DUNE)).containsExactly("notNamed");
        assertThat(ExpectationCheck.failures(expect(null, null, null, null, null, List.of(heat), null), DUNE)).isEmpty();
    }

    @Test
    void aSecondCorpusEntryWithoutAnIdIsTheSameFilm() {
        Film avengers = new Film("tt0848228", "The Avengers", 2012);
        FilmFacts studio = new FilmFacts("", "Marvel Studios' The Avengers", 2012, List.of("Action"), List.of(), List.of());
        FilmFacts sameTitleOtherYear = new FilmFacts("", "The Avengers", 1998, List.of("Action"), List.of(), List.of());
        FilmFacts otherId = new FilmFacts("tt0118661", "The Avengers", 2012, List.of("Action"), List.of(), List.of());
        FilmFacts sequel = new FilmFacts("", "Avengers: Age of Ultron", 2012, List.of("Action"), List.of(), List.of());
        assertThat(ExpectationCheck.sameFilm(studio, avengers)).isTrue();
        assertThat(ExpectationCheck.sameFilm(sameTitleOtherYear, avengers)).isFalse();
        assertThat(ExpectationCheck.sameFilm(otherId, avengers)).as("two IMDb ids are two films").isFalse();
        assertThat(ExpectationCheck.sameFilm(sequel, avengers)).isFalse();
    }

    @Test
    void resolutionNeedsTheExpectedIdAndNoWrongReading() {
        NamedFilm heat = new NamedFilm("Heat", "tt0113277", "Heat", 1995, null, List.of("tt2404463"));
        ApiAnswer.HistoryEntry right = new ApiAnswer.HistoryEntry("tt0113277", "Heat", 1995, null);
        ApiAnswer.HistoryEntry wrong = new ApiAnswer.HistoryEntry("tt2404463", "The Heat", 2013, null);
        ApiAnswer.HistoryEntry other = new ApiAnswer.HistoryEntry("tt0369339", "Collateral", 2004, null);
        assertThat(ExpectationCheck.resolved(heat, List.of(other, right))).isTrue();
        assertThat(ExpectationCheck.resolved(heat, List.of(wrong))).isFalse();
        assertThat(ExpectationCheck.resolved(heat, List.of(right, wrong))).as("both readings is not a resolution").isFalse();
        assertThat(ExpectationCheck.resolved(heat, List.of())).isFalse();
    }

    @Test
    void aDislikedFilmResolvesWhateverItsOpinion() {
        NamedFilm notebook = new NamedFilm("The Notebook", "tt0332280", "The Notebook", 2004, "disliked", List.of());
        assertThat(ExpectationCheck.resolved(notebook, List.of(new ApiAnswer.HistoryEntry("tt0332280", "The Notebook", 2004, "disliked")))).isTrue();
        assertThat(ExpectationCheck.resolved(notebook, List.of(new ApiAnswer.HistoryEntry("tt0332280", "The Notebook", 2004, null)))).isTrue();
    }

    @Test
    void anUntakenSuggestionMayOnlyBeInTheHistoryAsDisliked() {
        Film suggestion = new Film("tt1457767", "The Conjuring", 2013);
        ApiAnswer.HistoryEntry asMention = new ApiAnswer.HistoryEntry("tt1457767", "The Conjuring", 2013, null);
        ApiAnswer.HistoryEntry asLiked = new ApiAnswer.HistoryEntry("tt1457767", "The Conjuring", 2013, "liked");
        ApiAnswer.HistoryEntry asDisliked = new ApiAnswer.HistoryEntry("tt1457767", "The Conjuring", 2013, "disliked");
        assertThat(ExpectationCheck.keptOut(suggestion, List.of())).isTrue();
        assertThat(ExpectationCheck.keptOut(suggestion, List.of(asDisliked))).isTrue();
        assertThat(ExpectationCheck.keptOut(suggestion, List.of(asMention))).isFalse();
        assertThat(ExpectationCheck.keptOut(suggestion, List.of(asLiked))).isFalse();
    }
}
