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
}
