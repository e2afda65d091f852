package dev.rarec.corpus;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TitlesTest {

    @Test
    void splitsTheYearAndCollapsesWhitespace() {
        assertThat(Titles.parse("Police Academy  (1984)")).isEqualTo(new Titles.TitleYear("Police Academy", 1984));
        assertThat(Titles.parse("Babylon 5 (1994-1998)")).isEqualTo(new Titles.TitleYear("Babylon 5", 1994));
        assertThat(Titles.parse("American Pie ")).isEqualTo(new Titles.TitleYear("American Pie", 0));
        assertThat(Titles.parse("1917 (2019)")).isEqualTo(new Titles.TitleYear("1917", 2019));
    }

    @Test
    void findsABracketedYearAnywhereAndOnlyPlausibleYears() {
        assertThat(Titles.findYear("Heat (1995): a heist film")).contains(new Titles.YearSpan(5, 11, 1995));
        assertThat(Titles.findYear("Heat [1995]")).map(Titles.YearSpan::year).contains(1995);
        assertThat(Titles.findYear("Room (1024) and Heat (1995)")).map(Titles.YearSpan::year).contains(1995);
        assertThat(Titles.findYear("1917")).isEmpty();
        assertThat(Titles.parse("Heat (1995) remake")).isEqualTo(new Titles.TitleYear("Heat (1995) remake", 0));
    }

    @Test
    void normalisesCasePunctuationAccentsAndArticles() {
        assertThat(Titles.normalise("Matrix, The")).isEqualTo("the matrix");
        assertThat(Titles.normalise("AMÉLIE!")).isEqualTo("amelie");
        assertThat(Titles.normalise("Fast & Furious")).isEqualTo("fast and furious");
        assertThat(Titles.normalise("Ocean's Eleven")).isEqualTo("oceans 11");
        assertThat(Titles.key("Matrix, The")).isEqualTo("matrix");
    }

    @Test
    void movesTrailingArticlesToTheFront() {
        assertThat(Titles.display("Shawshank Redemption, The")).isEqualTo("The Shawshank Redemption");
        assertThat(Titles.display("Cité des enfants perdus, La")).isEqualTo("La Cité des enfants perdus");
        assertThat(Titles.display("Heat")).isEqualTo("Heat");
    }

    @Test
    void splitsMovieLensAlternativeTitles() {
        assertThat(Titles.withAliases("City of Lost Children, The (Cité des enfants perdus, La)"))
                .containsExactly("The City of Lost Children", "La Cité des enfants perdus");
        assertThat(Titles.withAliases("Seven (a.k.a. Se7en)")).containsExactly("Seven", "Se7en");
        assertThat(Titles.withAliases("Mission: Impossible")).containsExactly("Mission: Impossible");
    }

    @Test
    void keyIgnoresCaseArticlesPunctuationAccentsAndNumberWords() {
        assertThat(Titles.key("The Matrix")).isEqualTo(Titles.key("matrix, the")).isEqualTo("matrix");
        assertThat(Titles.key("Schindler's List")).isEqualTo(Titles.key("schindlers  list"));
        assertThat(Titles.key("Amélie")).isEqualTo("amelie");
        assertThat(Titles.key("Fast & Furious")).isEqualTo(Titles.key("Fast and Furious"));
        assertThat(Titles.key("John Wick: Chapter Two")).isEqualTo(Titles.key("John Wick - Chapter 2"));
        assertThat(Titles.key("Rocky II")).isEqualTo(Titles.key("Rocky 2"));
        assertThat(Titles.key("Why Did I Get Married%3F")).isEqualTo(Titles.key("Why Did I Get Married?"));
    }

    @Test
    void shortKeyIsThePartBeforeTheSubtitle() {
        assertThat(Titles.shortKey("Star Wars: Episode IV - A New Hope")).isEqualTo("star wars");
        assertThat(Titles.shortKey("Heat")).isEmpty();
    }
}
