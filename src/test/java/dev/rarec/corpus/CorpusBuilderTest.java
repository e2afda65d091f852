package dev.rarec.corpus;

import dev.rarec.util.DataDir;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorpusBuilderTest {
    @TempDir
    Path data;

    @BeforeEach
    void writeSources() {
        Fixtures.write(data, "movielens/ml-latest-2023/movies.csv.gz", """
                movieId,title,genres
                1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy
                6,Heat (1995),Action|Crime|Thriller
                47,Seven (a.k.a. Se7en) (1995),Mystery|Thriller
                260,Star Wars: Episode IV - A New Hope (1977),Action|Adventure|Sci-Fi
                318,"Shawshank Redemption, The (1994)",Crime|Drama
                900,Hamlet (1990),Drama
                999, (2019),Drama
                """);
        Fixtures.write(data, "movielens/ml-latest-2023/links.csv.gz", """
                movieId,imdbId,tmdbId
                1,0114709,862
                6,0113277,949
                47,0114369,807
                260,0076759,11
                318,0111161,278
                900,0099726,10264
                999,1234567,
                """);
        Fixtures.write(data, "movie_metadata/ml_latest_2023_imdb_enrichment/movie_directors.csv.gz", """
                movieId,director
                6,Michael Mann
                1,John Lasseter
                """);
        Fixtures.write(data, "movie_metadata/wikipedia_american_movies/movies-1990s.json.gz", """
                [{"title":"Heat","year":1995,"cast":["Al Pacino","Robert De Niro","Val Kilmer"],"genres":["Crime","Thriller"],
                  "href":"Heat_(1995_film)","extract":"Heat is a 1995 American crime film written and directed by Michael Mann."},
                 {"title":"The Shawshank Redemption","year":1994,"cast":["Tim Robbins","Morgan Freeman"],"genres":["Drama"],
                  "href":"The_Shawshank_Redemption","extract":"A banker is sentenced to life."},
                 {"title":"Wikipedia Only Film","year":1993,"cast":[],"genres":["Comedy"],"href":"Wikipedia_Only_Film","extract":""}]
                """);
        Fixtures.write(data, "movie_metadata/wikipedia_american_movies/movies-1970s.json.gz", """
                [{"title":"Star Wars","year":1977,"cast":["Mark Hamill"],"genres":["Science Fiction"],"href":"Star_Wars_(film)","extract":"A space opera."}]
                """);
        Fixtures.write(data, "movie_metadata/tmdb_5000/tmdb_5000_movies.csv.gz", """
                budget,genres,homepage,id,keywords,original_language,original_title,overview,popularity,production_companies,production_countries,release_date,revenue,runtime,spoken_languages,status,tagline,title,vote_average,vote_count
                0,"[{""id"": 16, ""name"": ""Animation""}]",,862,[],en,Toy Story,"Led by Woody, Andy's toys live happily in his room until Andy's birthday brings Buzz Lightyear onto the scene.",1,[],[],1995-10-30,0,81,[],Released,,Toy Story,7.7,5415
                0,not json,,5,[],en,Broken,x,1,[],[],1990-01-01,0,81,[],Released,,Broken Genres,1,1
                """);
        Fixtures.write(data, "redial/ievalm/id2info.json.gz", """
                {"111": {"name": "It (2017)", "genre": ["horror"], "plot": "Kids fight a clown.", "director": ["Andy Muschietti"],
                         "star": ["Bill Skarsgard"], "imdb_id": "tt0113277"}}
                """);
        Fixtures.write(data, "reddit_movie/he2023_cikm/entity2id.json.gz", """
                {"Hamlet (1990)": "tt9999999", "Heat (1995)": "tt0113277"}
                """);
        Fixtures.write(data, "movie_metadata/ott_catalogs/amazon_prime_titles.csv.gz", """
                show_id,type,title,director,cast,country,date_added,release_year,rating,duration,genre,description
                s1,Movie,Toy Story,John Lasseter,"Tom Hanks, Tim Allen, Don Rickles",,,1996,G,81 min,"Kids, Comedy",Toys come alive.
                s2,TV Show,Some Series,,,,,2010,,1 Season,Drama,Not a movie.
                s3,Movie,Streaming Original,Jane Doe,"A One, B Two",,,2020,,90 min,Documentaries,A documentary.
                s4,Movie,Stand-Up Special,Joe Comic,,,,2019,,60 min,"Arts, Entertainment, and Culture, Comedy, Special Interest",Jokes.
                """);
    }

    @Test
    void deduplicatesByImdbThenTitleAndYear() {
        Corpus corpus = CorpusBuilder.build(data, msg -> { });
        Movie heat = corpus.byImdbId("tt0113277").orElseThrow();
        assertThat(heat.sources()).containsExactly("movielens", "reddit", "wikipedia");
        assertThat(heat.cast()).containsExactly("Al Pacino", "Robert De Niro", "Val Kilmer");
        assertThat(heat.director()).isEqualTo("Michael Mann");
        assertThat(heat.plot()).startsWith("Heat is a 1995 American crime film");

        Movie shawshank = corpus.byImdbId("tt0111161").orElseThrow();
        assertThat(shawshank.title()).isEqualTo("The Shawshank Redemption");
        assertThat(shawshank.sources()).containsExactly("movielens", "wikipedia");

        Movie toyStory = corpus.byImdbId("tt0114709").orElseThrow();
        assertThat(toyStory.sources()).as("TMDB joins through links.csv, Amazon by title with a year one off")
                .containsExactly("movielens", "tmdb5000", "amazon");
        assertThat(toyStory.year()).isEqualTo(1995);
        assertThat(toyStory.cast()).containsExactly("Tom Hanks", "Tim Allen", "Don Rickles");
        assertThat(toyStory.plot()).startsWith("Led by Woody");
        assertThat(toyStory.genres()).as("the longest genre list wins, in vocabulary terms")
                .containsExactly("Adventure", "Animation", "Comedy", "Family", "Fantasy");

        Movie starWars = corpus.byImdbId("tt0076759").orElseThrow();
        assertThat(starWars.sources()).as("'Star Wars' 1977 joins the subtitled MovieLens title").containsExactly("movielens", "wikipedia");
    }

    @Test
    void neverMergesTwoImdbIdsAndRejectsIdJoinsWhoseTitleAndYearDisagree() {
        Corpus corpus = CorpusBuilder.build(data, msg -> { });
        assertThat(corpus.byImdbId("tt0099726")).isPresent();
        assertThat(corpus.byImdbId("tt9999999")).as("same title and year but another IMDb id is another movie").isPresent();
        List<Movie> its = corpus.movies().stream().filter(m -> m.title().equals("It")).toList();
        assertThat(its).as("id2info's 'It (2017)' under Heat's IMDb id becomes its own movie").hasSize(1);
        assertThat(its.get(0).year()).isEqualTo(2017);
        assertThat(its.get(0).imdbId()).isEmpty();
        assertThat(corpus.byImdbId("tt0113277").orElseThrow().title()).isEqualTo("Heat");
    }

    @Test
    void keepsTitlesOnlyOneSourceKnowsAndSkipsTvShows() {
        Corpus corpus = CorpusBuilder.build(data, msg -> { });
        List<String> titles = corpus.movies().stream().map(Movie::title).toList();
        assertThat(titles).contains("Wikipedia Only Film", "Streaming Original").doesNotContain("Some Series");
        Movie original = corpus.movies().stream().filter(m -> m.title().equals("Streaming Original")).findFirst().orElseThrow();
        assertThat(original.genres()).containsExactly("Documentary");
        Movie special = corpus.movies().stream().filter(m -> m.title().equals("Stand-Up Special")).findFirst().orElseThrow();
        assertThat(special.genres()).as("Amazon's comma label and shelf dropped, not split into 'Arts', 'Entertainment'").containsExactly("Comedy");
    }

    @Test
    void popularityCalibratesTmdbVotesOnImdbVotesAndStaysOutOfTheEmbeddingText() {
        Corpus corpus = CorpusBuilder.build(data, msg -> { });
        Movie toyStory = corpus.byImdbId("tt0114709").orElseThrow();
        assertThat(toyStory.votes()).as("TMDB overlaps IMDB 5000 on no movie here: too few to calibrate, so no votes").isZero();
        assertThat(toyStory.keyValueText()).doesNotContain("votes");
    }

    @Test
    void recordsAlternativeTitles() {
        Corpus corpus = CorpusBuilder.build(data, msg -> { });
        Movie seven = corpus.byImdbId("tt0114369").orElseThrow();
        assertThat(seven.title()).isEqualTo("Seven");
        assertThat(corpus.alternativeTitles(seven.id())).containsExactly("Se7en");
    }

    @Test
    void idsAreStableAcrossBuildsAndMoviesWithImdbIdsComeFirst() {
        Corpus a = CorpusBuilder.build(data, msg -> { });
        Corpus b = CorpusBuilder.build(data, msg -> { });
        assertThat(a.movies()).isEqualTo(b.movies());
        assertThat(a.contentHash()).isEqualTo(b.contentHash());
        List<Long> imdbNumbers = new ArrayList<>();
        boolean seenWithout = false;
        for (Movie m : a.movies()) {
            if (m.imdbId().isEmpty()) {
                seenWithout = true;
            } else {
                assertThat(seenWithout).as("movie with IMDb id after one without").isFalse();
                imdbNumbers.add(Long.parseLong(m.imdbId().substring(2)));
            }
        }
        assertThat(imdbNumbers).isSorted();
    }

    @Test
    void reportsBadRecordsWithFileLineAndReason() {
        CorpusBuilder.Result result = CorpusBuilder.run(data, msg -> { });
        assertThat(result.badRecords()).anySatisfy(b -> {
            assertThat(b.file()).endsWith("movies.csv.gz");
            assertThat(b.line()).isEqualTo(8);
            assertThat(b.reason()).contains("title");
        });
        assertThat(result.badRecords()).anySatisfy(b -> {
            assertThat(b.file()).endsWith("tmdb_5000_movies.csv.gz");
            assertThat(b.line()).isEqualTo(3);
            assertThat(b.reason()).contains("genres");
        });
    }

    @Test
    void saveAndLoadRoundTripsMoviesAndAlternativeTitles(@TempDir Path home) {
        Corpus corpus = CorpusBuilder.build(data, msg -> { });
        corpus.save(home);
        Corpus loaded = Corpus.load(home);
        assertThat(loaded.movies()).isEqualTo(corpus.movies());
        int seven = corpus.byImdbId("tt0114369").orElseThrow().id();
        assertThat(loaded.alternativeTitles(seven)).containsExactly("Se7en");
    }

    @Test
    void missingCatalogueNamesPathAndOfficialSource(@TempDir Path empty) {
        assertThatThrownBy(() -> CorpusBuilder.build(empty, msg -> { }))
                .isInstanceOf(DataDir.MissingDataException.class)
                .hasMessageContaining("ml-latest-2023/movies.csv.gz")
                .hasMessageContaining("grouplens.org");
    }

    @Test
    void statsReportCompletenessPerField() {
        Corpus corpus = CorpusBuilder.build(data, msg -> { });
        CorpusStats stats = CorpusStats.of(corpus);
        assertThat(stats.movies()).isEqualTo(corpus.size());
        assertThat(stats.yearMin()).isEqualTo(1977);
        assertThat(stats.yearMax()).isEqualTo(2020);
        assertThat(stats.completeness()).containsKeys("imdbId", "title", "year", "genres", "director", "cast", "plot");
        assertThat(stats.completeness().get("title")).isEqualTo(1.0);
        Optional<Double> plot = Optional.ofNullable(stats.completeness().get("plot"));
        assertThat(plot).hasValueSatisfying(p -> assertThat(p).isBetween(0.0, 1.0));
    }
}
