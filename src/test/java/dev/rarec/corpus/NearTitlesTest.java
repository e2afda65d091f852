package dev.rarec.corpus;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NearTitlesTest {
    @Test
    void oneEditIsOneLetterOrSpaceAddedDroppedChangedOrTwoSwapped() {
        assertThat(NearTitles.oneEditApart("forest gump", "forrest gump")).isTrue();
        assertThat(NearTitles.oneEditApart("god father", "godfather")).isTrue();
        assertThat(NearTitles.oneEditApart("terminater", "terminator")).isTrue();
        assertThat(NearTitles.oneEditApart("inecption", "inception")).isTrue();
        assertThat(NearTitles.oneEditApart("inception", "inception")).isFalse();
        assertThat(NearTitles.oneEditApart("forest gum", "forrest gump")).isFalse();
        assertThat(NearTitles.oneEditApart("alien", "aliens 2")).isFalse();
    }

    @Test
    void initialsAreEveryWordsFirstLetterOrALetterAndASequelsNumber() {
        assertThat(NearTitles.initials("lord of the rings")).isEqualTo("lotr");
        assertThat(NearTitles.initials("terminator 2")).isEqualTo("t2");
        assertThat(NearTitles.initials("back to the future")).isEqualTo("bttf");
        // Too short, or shapes that read as something else: "ww2" is the war, "12am" a time.
        assertThat(NearTitles.initials("star wars")).isNull();
        assertThat(NearTitles.initials("waynes world 2")).isNull();
        assertThat(NearTitles.initials("12 angry men")).isNull();
        assertThat(NearTitles.initials("alien")).isNull();
    }
}
