package dev.rarec.understanding;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Movie;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The phrase table of the constraint parser: each row is a message and what it must be read as. */
class ConstraintParserTest {
    private static final ConstraintParser PARSER = new ConstraintParser(PersonIndex.of(people()));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Recommend a classic western from the 1960s        | 1960 | 1969 | WESTERN         | -
            Old science fiction from the 1950s                | 1950 | 1959 | SCI_FI          | -
            Recommend a film noir from the 1940s              | 1940 | 1949 | FILM_NOIR       | -
            Any good romantic comedies from the 2000s?        | 2000 | 2009 | COMEDY,ROMANCE  | -
            More mafia films from the 1970s?                  | 1970 | 1979 | CRIME           | -
            something from the seventies                      | 1970 | 1979 | -               | -
            a rom-com from the '90s please                    | 1990 | 1999 | COMEDY,ROMANCE  | -
            I want a feel-good movie, no romance              | -    | -    | COMEDY          | ROMANCE
            a scary movie, nothing animated                   | -    | -    | HORROR          | ANIMATION
            I want something funny but not a cartoon          | -    | -    | COMEDY          | ANIMATION
            no horror please                                  | -    | -    | -               | HORROR
            I hate horror movies, give me a whodunit          | -    | -    | MYSTERY         | HORROR
            I don't like musicals                             | -    | -    | -               | MUSICAL
            anything but romance                              | -    | -    | -               | ROMANCE
            a thriller made after 2010                        | 2011 | -    | THRILLER        | -
            action movies since 2015                          | 2015 | -    | ACTION          | -
            a drama before 1980                               | -    | 1979 | DRAMA           | -
            movies between 1990 and 2000                      | 1990 | 2000 | -               | -
            late 80s horror                                   | 1986 | 1989 | HORROR          | -
            early 2000s comedies                              | 2000 | 2003 | COMEDY          | -
            something from the 60s or 70s                    | 1960 | 1979 | -               | -
            an older war movie                                | -    | 1989 | WAR             | -
            any recent documentaries?                         | 2015 | -    | DOCUMENTARY     | -
            I recently watched a great thriller               | -    | -    | THRILLER        | -
            a movie for my kids, nothing scary                | -    | -    | FAMILY          | HORROR
            I'm in my 30s and love sci-fi                     | -    | -    | SCI_FI          | -
            a 1994 crime movie                                | -    | -    | CRIME           | -
            a crime movie from 1994                           | 1994 | 1994 | CRIME           | -
            nothing older than 2000, no animation             | 2000 | -    | -               | ANIMATION
            a good whodunit, something before the 90s         | -    | 1989 | MYSTERY         | -
            anything after the 80s                            | 1990 | -    | -               | -
            where should I start with silent films?           | -    | 1929 | -               | -
            movies from the last 5 years                      | 2019 | -    | -               | -
            something from the past couple of years           | 2022 | -    | -               | -
            nothing from the last 10 years                    | -    | 2013 | -               | -
            movies from 1999 or 2000                          | 1999 | 2000 | -               | -
            seventies cop movies                              | 1970 | 1979 | CRIME           | -
            I am in the mood for a good cry                   | -    | -    | DRAMA           | -
            a family adventure for tonight                    | -    | -    | ADVENTURE,FAMILY | -
            """)
    void readsYearsAndGenres(String text, Integer from, Integer to, String wanted, String excluded) {
        Constraints c = PARSER.parse(text);
        assertThat(c.years()).isEqualTo(new YearRange(from == null ? YearRange.MIN : from, to == null ? YearRange.MAX : to));
        assertThat(c.genres()).as("wanted").isEqualTo(genres(wanted));
        assertThat(c.excludedGenres()).as("excluded").isEqualTo(genres(excluded));
    }

    @Test
    void readsPeopleByFullNameOrAWellKnownSurnameAndTheirNegation() {
        assertThat(PARSER.parse("I love Tom Hanks movies").people()).containsExactly("Tom Hanks");
        assertThat(PARSER.parse("Which meryl streep movies are worth watching?").people()).containsExactly("Meryl Streep");
        assertThat(PARSER.parse("Something by Spielberg").people()).containsExactly("Steven Spielberg");
        Constraints c = PARSER.parse("a comedy, but no Adam Sandler");
        assertThat(c.people()).isEmpty();
        assertThat(c.excludedPeople()).containsExactly("Adam Sandler");
        // An ordinary word is not a surname, and a lower-case surname is a word.
        assertThat(PARSER.parse("a stone cold thriller").people()).isEmpty();
        assertThat(PARSER.parse("spielberg").people()).isEmpty();
    }

    @Test
    void masksTheTitlesNamedSoTheirWordsAskNothing() {
        String text = "I loved Star Wars (1977) and Heat";
        Constraints unmasked = PARSER.parse(text);
        assertThat(unmasked.genres()).contains(Genre.WAR);
        Constraints masked = PARSER.parse(text, List.of(new ConstraintParser.Span(8, 24)));
        assertThat(masked.genres()).isEmpty();
        assertThat(masked.years().isAny()).isTrue();
    }

    @Test
    void laterRequestsCorrectEarlierOnes() {
        Constraints first = PARSER.parse("a horror movie from the 90s");
        Constraints corrected = first.then(PARSER.parse("actually, make it the 80s"));
        assertThat(corrected.years()).isEqualTo(YearRange.decade(1980));
        assertThat(corrected.genres()).containsExactly(Genre.HORROR);
        Constraints noHorror = corrected.then(PARSER.parse("hmm, no horror after all, something funny"));
        assertThat(noHorror.genres()).containsExactly(Genre.COMEDY);
        assertThat(noHorror.excludedGenres()).containsExactly(Genre.HORROR);
        assertThat(noHorror.years()).isEqualTo(YearRange.decade(1980));
    }

    @Test
    void negationReachesTheEndOfItsClauseOnly() {
        Constraints c = PARSER.parse("not horror or gore. A comedy would be great");
        assertThat(c.excludedGenres()).containsExactly(Genre.HORROR);
        assertThat(c.genres()).containsExactly(Genre.COMEDY);
        // "I love horror but no slashers": the genre asked for outright stays asked for.
        assertThat(PARSER.parse("I love horror but no slashers").genres()).containsExactly(Genre.HORROR);
    }

    private static Set<Genre> genres(String csv) {
        if (csv == null) return Set.of();
        return Stream.of(csv.split(",")).map(Genre::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(Genre.class)));
    }

    /** People enough for the surname rule: Spielberg directs eight well-known films, Hanks and Streep star. */
    static Corpus people() {
        List<Movie> movies = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            movies.add(new Movie(movies.size(), "", "Spielberg film " + i, 1980 + i, List.of("Adventure"), "Steven Spielberg",
                    List.of("Tom Hanks", "Meryl Streep"), "", List.of("tmdb5000"), 100_000));
        }
        movies.add(new Movie(movies.size(), "", "Stone film", 1990, List.of("Drama"), "Oliver Stone", List.of("Sharon Stone"), "", List.of(), 50_000));
        movies.add(new Movie(movies.size(), "", "Sandler film", 2000, List.of("Comedy"), "Dennis Dugan", List.of("Adam Sandler"), "", List.of(), 50_000));
        return new Corpus(movies);
    }

    @Test
    void theTextQueryNamesGenresAndLeavesOutWhatIsRuledOutAndTheTitles() {
        ConstraintParser parser = new ConstraintParser(null);
        assertThat(parser.queryText("Something scary but not animated", List.of())).isEqualTo("something horror but");
        assertThat(parser.queryText("A cartoon, no musicals please", List.of())).isEqualTo("a animation,");
        assertThat(parser.queryText("Something like Heat with a great heist", List.of(new ConstraintParser.Span(15, 19))))
                .isEqualTo("something like with a great crime");
        // A plot search reads the user's own words: plots say "heist" and "zombies", not "crime".
        assertThat(parser.keywordText("Something like Heat with a great heist, no zombies", List.of(new ConstraintParser.Span(15, 19))))
                .isEqualTo("something like with a great heist,");
    }
}
