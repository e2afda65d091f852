package dev.rarec.understanding;

import dev.rarec.corpus.MentionDetector;
import dev.rarec.data.Role;
import dev.rarec.data.Turn;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Likes, dislikes, suggestions and requests as a conversation states them. */
class IntentReaderTest {
    /** Titles found by exact, case-insensitive substring, with their places. */
    private static final Map<String, Integer> TITLES = Map.of("heat", 1, "collateral", 2, "titanic", 3, "avatar", 4,
            "gravity", 5, "the good, the bad and the ugly", 6, "the shining", 7, "psycho", 8);
    private static final MentionDetector DETECTOR = new MentionDetector() {
        @Override
        public List<Integer> detect(String text) {
            return mentions(text).stream().map(Mention::item).toList();
        }

        @Override
        public List<Mention> mentions(String text) {
            String lower = text.toLowerCase(Locale.ROOT);
            List<Mention> out = new ArrayList<>();
            TITLES.forEach((title, id) -> {
                int at = lower.indexOf(title);
                if (at >= 0 && !(title.equals("heat") && lower.startsWith("the ", Math.max(0, at - 4)) && at >= 4)) {
                    out.add(new Mention(id, at, at + title.length()));
                }
            });
            out.sort((a, b) -> Integer.compare(a.start(), b.start()));
            return out;
        }
    };
    private static final IntentReader READER = new IntentReader(DETECTOR, new ConstraintParser(null));

    @Test
    void dislikesAreReadFromTheirOwnPartOfTheSentence() {
        assertThat(opinions("I loved Heat, but Collateral was boring")).containsExactly(Opinion.LIKED, Opinion.DISLIKED);
        assertThat(opinions("I hated Titanic, Avatar and Gravity")).containsOnly(Opinion.DISLIKED);
        assertThat(opinions("Titanic was not bad at all")).containsExactly(Opinion.LIKED);
        assertThat(opinions("I haven't seen Heat yet")).containsExactly(Opinion.LIKED);
        assertThat(opinions("Something like Heat, not Titanic")).containsExactly(Opinion.LIKED, Opinion.DISLIKED);
        // A title's own words are no verdict.
        assertThat(opinions("The Good, the Bad and the Ugly is a masterpiece")).containsExactly(Opinion.LIKED);
    }

    @Test
    void theAssistantsSuggestionsCountOnlyOnceTheUserNamesThem() {
        UserIntent intent = READER.read(List.of(
                seeker("Something scary please, I loved Psycho"),
                recommender("You might like The Shining, Titanic."),
                seeker("I already saw Titanic, it was boring. Anything else?")));
        assertThat(intent.liked()).as(intent.toString()).containsExactly(8);
        assertThat(intent.disliked()).as(intent.toString()).containsExactly(3);
        assertThat(intent.suggested()).containsExactly(7);
        assertThat(intent.constraints().genres()).containsExactly(Genre.HORROR);
        assertThat(intent.requests()).hasSize(2);
    }

    @Test
    void aMovieNamedAgainMovesToTheEndAndItsLatestOpinionHolds() {
        UserIntent intent = READER.read(List.of(
                seeker("I hated Heat and loved Avatar"),
                seeker("actually Heat grew on me, I liked it")));
        assertThat(intent.liked()).containsExactly(4, 1);
        assertThat(intent.disliked()).isEmpty();
    }

    @Test
    void theMentionsOnlyReadingKeepsTheDatasetConvention() {
        UserIntent intent = IntentReader.mentionsOnly(List.of(
                new Turn(Role.SEEKER, "I hated Heat", List.of(1)), new Turn(Role.RECOMMENDER, "Try Collateral", List.of(2))));
        assertThat(intent.liked()).containsExactly(1);
        assertThat(intent.suggested()).containsExactly(2);
    }

    private static List<Opinion> opinions(String text) {
        return Opinion.of(text, DETECTOR.mentions(text));
    }

    private static Turn seeker(String text) {
        return new Turn(Role.SEEKER, text, DETECTOR.detect(text));
    }

    private static Turn recommender(String text) {
        return new Turn(Role.RECOMMENDER, text, DETECTOR.detect(text));
    }
}
