package dev.rarec.understanding;

import dev.rarec.RealCorpus;
import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Movie;
import dev.rarec.corpus.TitleMentionDetector;
import dev.rarec.data.Role;
import dev.rarec.data.Turn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Named films, people and opinions read from conversations against the real corpus. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealConversationTest {
    private Corpus corpus;
    private TitleMentionDetector detector;
    private IntentReader reader;

    @BeforeAll
    void open() {
        corpus = RealCorpus.get();
        detector = RealCorpus.detector();
        reader = new IntentReader(detector, new ConstraintParser(PersonIndex.of(corpus)));
    }

    @Test
    void namedFilmsResolveToTheFilmPeopleMean() {
        assertThat(imdb("I loved Heat and Collateral")).containsExactly("tt0113277", "tt0369339");
        assertThat(imdb("I liked The Heat with Sandra Bullock")).containsExactly("tt2404463");
        assertThat(imdb("a Korean thriller like Oldboy")).containsExactly("tt0364569");
        assertThat(imdb("Something like Psycho?")).containsExactly("tt0054215");
        assertThat(imdb("I loved Total Recall and Alien")).containsExactly("tt0100802", "tt0078748");
        // A year says otherwise: the remake.
        assertThat(imdb("I liked Oldboy (2013) more than people say")).containsExactly("tt1321511");
        // One corpus entry for The Avengers: the streaming catalogue's "Marvel Studios' The Avengers" merged into it.
        assertThat(imdb("After The Avengers I want more")).containsExactly("tt0848228");
        assertThat(corpus.movies().stream().filter(m -> m.year() == 2012 && m.title().endsWith("The Avengers"))).hasSize(1);
    }

    @Test
    void namedFilmsResolveAsPeopleTypeThem() {
        // A sentence about a film opens with its title, capitalised or not.
        assertThat(imdb("Alien is my all time favourite film. Sci-fi horror recommendations?")).containsExactly("tt0078748");
        assertThat(imdb("psycho is one of my favorites. other classic thrillers?")).containsExactly("tt0054215");
        assertThat(imdb("Parasite blew me away. Anything like it?")).containsExactly("tt6751668");
        assertThat(imdb("Frozen is all my daughter watches")).containsExactly("tt2294629");
        // The people named pick the film: Haggis's Crash, not Cronenberg's; Spike Jonze's Her.
        assertThat(imdb("Crash, the Paul Haggis one that won best picture, really made me think")).containsExactly("tt0375679");
        assertThat(imdb("Crash, the Cronenberg one, was disturbing")).containsExactly("tt0115964");
        assertThat(imdb("Her was beautiful, the Spike Jonze movie about the AI")).containsExactly("tt1798709");
        assertThat(imdb("Scream by Wes Craven is a great mix of funny and scary")).containsExactly("tt0117571");
        // Whole items of a list of liked films, in lower case and of everyday words.
        assertThat(imdb("i liked the shining, the exorcist and get out. whats next")).containsExactly("tt0081505", "tt0070047", "tt5052448");
        // A slip of the keyboard, and a title shortened to its distinctive word.
        assertThat(imdb("I loved Forest Gump, any similar heartwarming films?")).containsExactly("tt0109830");
        assertThat(imdb("shawshank is my favorite movie ever")).containsExactly("tt0111161");
        // Initials, in capitals or where a title stands; a series' initials name its best-known film.
        assertThat(imdb("I love LOTR, anything similar?")).containsExactly("tt0120737");
        assertThat(imdb("t2 is my favourite action movie")).containsExactly("tt0103064");
        assertThat(imdb("Any good WW2 movies? I watched CSI on TV")).isEmpty();
        // Everyday sentences name no film.
        assertThat(imdb("It was great, I want to get out of the house tonight")).isEmpty();
        assertThat(imdb("Her sister loved it. I like horror and comedy")).isEmpty();
        assertThat(imdb("i love it when the hero wins")).isEmpty();
    }

    @Test
    void peopleFromTheCorpusAreRead() {
        ConstraintParser parser = new ConstraintParser(PersonIndex.of(corpus));
        assertThat(parser.parse("I love Tom Hanks movies").people()).containsExactly("Tom Hanks");
        assertThat(parser.parse("Which Meryl Streep movies are worth watching?").people()).containsExactly("Meryl Streep");
        assertThat(parser.parse("Anything by Hitchcock?").people()).containsExactly("Alfred Hitchcock");
        assertThat(parser.parse("a western with Clint Eastwood, no Spaghetti stuff").people()).containsExactly("Clint Eastwood");
        // A surname is the person whose films most people saw: Christopher Nolan's dozen, not Lloyd Nolan's hundred.
        assertThat(parser.parse("Any good Nolan movies?").people()).containsExactly("Christopher Nolan");
        assertThat(parser.parse("a Coppola film from the 70s").people()).containsExactly("Francis Ford Coppola");
        // Brothers who share their credits share the surname: every Coen film is Joel Coen's too.
        assertThat(parser.parse("Something by the Coen brothers?").people()).containsExactly("Joel Coen");
        // A surname that is an everyday word is not read alone, even capitalised at the head of a sentence.
        assertThat(parser.parse("Short films please, something Smart").people()).isEmpty();
    }

    @Test
    void dislikesAndSuggestionsStayOutOfTheLikedHistory() {
        UserIntent intent = reader.read(List.of(
                seeker("Something scary please. I loved The Exorcist"),
                recommender("You might like The Shining (1980), A Clockwork Orange (1971)."),
                seeker("I hated The Heat, it was boring. I loved Heat (1995) though")));
        assertThat(titles(intent.liked())).containsExactly("The Exorcist (1973)", "Heat (1995)");
        assertThat(titles(intent.disliked())).containsExactly("The Heat (2013)");
        assertThat(titles(intent.suggested())).containsExactly("The Shining (1980)", "A Clockwork Orange (1971)");
        assertThat(intent.constraints().genres()).containsExactly(Genre.HORROR);
    }

    @Test
    void aSurnameThatIsAlsoATitleIsThePerson() {
        UserIntent intent = reader.read(List.of(seeker("Big Hitchcock fan here. What should I watch next?")));
        assertThat(intent.liked()).isEmpty();
        assertThat(intent.constraints().people()).containsExactly("Alfred Hitchcock");
    }

    private List<String> imdb(String text) {
        return detector.detect(text).stream().map(id -> corpus.get(id).imdbId()).toList();
    }

    private List<String> titles(List<Integer> ids) {
        return ids.stream().map(corpus::get).map(Movie::displayTitle).toList();
    }

    private Turn seeker(String text) {
        return new Turn(Role.SEEKER, text, detector.detect(text));
    }

    private Turn recommender(String text) {
        return new Turn(Role.RECOMMENDER, text, detector.detect(text));
    }
}
