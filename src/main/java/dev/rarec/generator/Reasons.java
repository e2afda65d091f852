package dev.rarec.generator;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Movie;
import dev.rarec.understanding.Constraints;
import dev.rarec.understanding.Genre;
import dev.rarec.understanding.UserIntent;

import java.util.ArrayList;
import java.util.List;

/**
 * A one-line reason a person would give: "A 1960s western with John Wayne", "Another 1970s crime film,
 * like The Godfather", "Directed by Michael Mann, like Heat". Each names the request or the liked
 * film it comes from, and says only what the corpus records.
 */
final class Reasons {
    private Reasons() {}

    static String explain(Movie movie, UserIntent intent, Corpus corpus) {
        Constraints c = intent.constraints();
        Movie liked = closestLiked(movie, intent.liked(), corpus);
        List<Genre> genres = new ArrayList<>();
        for (Genre g : c.genres()) if (g.matches(movie)) genres.add(g);
        boolean asked = !genres.isEmpty() || !c.years().isAny();
        if (genres.isEmpty() && liked != null) {
            for (Genre g : Genre.of(movie)) if (g.matches(liked) && genres.size() < 2) genres.add(g);
        }
        if (genres.isEmpty() && !asked) genres.addAll(Genre.of(movie).subList(0, Math.min(2, Genre.of(movie).size())));

        StringBuilder s = new StringBuilder();
        String decade = movie.year() > 0 ? (movie.year() / 10 * 10) + "s " : "";
        String what = decade + noun(genres);
        List<String> people = c.peopleIn(movie);
        String director = liked == null ? "" : sharedDirector(movie, liked);
        String actor = liked == null ? "" : sharedCast(movie, liked);
        if (!asked && people.isEmpty() && !director.isEmpty()) {
            s.append("Directed by ").append(director).append(", like ").append(liked.title());
            return s.toString();
        }
        // "Another 1970s adventure film, like The Fellowship of the Ring" would say the liked film is from the 1970s too.
        boolean another = liked != null && !genres.isEmpty() && genres.stream().allMatch(g -> g.matches(liked))
                && movie.year() / 10 == liked.year() / 10;
        s.append(another ? "Another " : article(what)).append(what);
        for (String p : people) {
            s.append(isDirector(movie, p) ? " directed by " : " with ").append(p);
            break;
        }
        if (liked != null) {
            if (!director.isEmpty() && people.stream().noneMatch(director::equalsIgnoreCase)) s.append(" by ").append(director);
            else if (!actor.isEmpty() && people.stream().noneMatch(actor::equalsIgnoreCase)) s.append(" with ").append(actor);
            s.append(", like ").append(liked.title());
        } else if (people.isEmpty() && !movie.director().isEmpty()) {
            s.append(" directed by ").append(movie.director());
        }
        return s.toString();
    }

    /** The liked movie that shares most with this one: director, then cast, then genres and era. */
    private static Movie closestLiked(Movie movie, List<Integer> liked, Corpus corpus) {
        Movie best = null;
        int bestScore = 0;
        for (int i = liked.size() - 1; i >= 0; i--) {
            Movie l = corpus.get(liked.get(i));
            int score = (sharedDirector(movie, l).isEmpty() ? 0 : 4) + (sharedCast(movie, l).isEmpty() ? 0 : 2);
            for (Genre g : Genre.of(movie)) if (g.matches(l)) score++;
            if (movie.year() > 0 && Math.abs(movie.year() - l.year()) <= 10) score++;
            if (score > bestScore) {
                best = l;
                bestScore = score;
            }
        }
        return bestScore >= 2 ? best : null;
    }

    private static String sharedDirector(Movie a, Movie b) {
        if (a.director().isEmpty() || b.director().isEmpty()) return "";
        for (String x : a.director().split(",")) {
            for (String y : b.director().split(",")) if (x.strip().equalsIgnoreCase(y.strip())) return x.strip();
        }
        return "";
    }

    private static String sharedCast(Movie a, Movie b) {
        for (String x : a.cast().subList(0, Math.min(5, a.cast().size()))) if (b.cast().contains(x)) return x;
        return "";
    }

    private static boolean isDirector(Movie m, String person) {
        for (String d : m.director().split(",")) if (d.strip().equalsIgnoreCase(person)) return true;
        return false;
    }

    /** "western", "romantic comedy", "crime thriller", "film". */
    static String noun(List<Genre> genres) {
        if (genres.contains(Genre.ROMANCE) && genres.contains(Genre.COMEDY)) return "romantic comedy";
        if (genres.isEmpty()) return "film";
        if (genres.size() == 1) {
            Genre g = genres.get(0);
            return switch (g) {
                case WESTERN, DOCUMENTARY, MUSICAL, THRILLER, DRAMA, COMEDY -> g.noun();
                case FILM_NOIR -> "film noir";
                case ANIMATION -> "animated film";
                case ROMANCE -> "romance";
                case MYSTERY -> "mystery";
                default -> g.noun() + " film";
            };
        }
        Genre first = genres.get(0);
        String head = noun(List.of(genres.get(1)));
        String modifier = first == Genre.ANIMATION ? "animated" : first.noun();
        return modifier + " " + head;
    }

    private static String article(String phrase) {
        // "an eighteen-nineties ...", "a nineteen-sixties ...", "an animated ..."
        return "aeiouAEIOU".indexOf(phrase.charAt(0)) >= 0 || phrase.startsWith("18") ? "An " : "A ";
    }
}
