package dev.rarec.generator;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.MentionDetector;
import dev.rarec.corpus.Movie;
import dev.rarec.data.Turn;
import dev.rarec.retriever.Retriever;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/**
 * A tiny corpus of real movies with stand-in stages, for testing the surfaces without models:
 * a retriever that scores shared genres, a generator that reverses the candidates, and a detector
 * that finds titles by case-insensitive substring.
 */
public final class SurfaceFixtures {
    private SurfaceFixtures() {}

    public static Corpus corpus() {
        List<Movie> m = new ArrayList<>();
        add(m, "tt0113277", "Heat", 1995, List.of("Crime", "Drama", "Thriller"), "Michael Mann",
                List.of("Al Pacino", "Robert De Niro", "Val Kilmer"), "A group of high-end professional thieves start to feel the heat from the LAPD when they unknowingly leave a clue at their latest heist.");
        add(m, "tt0133093", "The Matrix", 1999, List.of("Action", "Sci-Fi"), "Lana Wachowski, Lilly Wachowski",
                List.of("Keanu Reeves", "Laurence Fishburne", "Carrie-Anne Moss"), "When a beautiful stranger leads computer hacker Neo to a forbidding underworld, he discovers the shocking truth: the life he knows is the elaborate deception of an evil cyber-intelligence.");
        add(m, "tt0369339", "Collateral", 2004, List.of("Crime", "Drama", "Thriller"), "Michael Mann",
                List.of("Tom Cruise", "Jamie Foxx", "Jada Pinkett Smith"), "A cab driver finds himself the hostage of an engaging contract killer as he makes his rounds from hit to hit during one night in Los Angeles.");
        add(m, "tt0122690", "Ronin", 1998, List.of("Action", "Crime", "Thriller"), "John Frankenheimer",
                List.of("Robert De Niro", "Jean Reno", "Natascha McElhone"), "A freelancing former US intelligence agent tries to track down a mysterious package that is wanted by both the Irish and the Russians.");
        add(m, "tt0083658", "Blade Runner", 1982, List.of("Action", "Drama", "Sci-Fi"), "Ridley Scott",
                List.of("Harrison Ford", "Rutger Hauer", "Sean Young"), "A blade runner must pursue and terminate four replicants who stole a ship in space and have returned to Earth to find their creator.");
        add(m, "tt0114369", "Se7en", 1995, List.of("Crime", "Drama", "Mystery"), "David Fincher",
                List.of("Morgan Freeman", "Brad Pitt", "Kevin Spacey"), "Two detectives, a rookie and a veteran, hunt a serial killer who uses the seven deadly sins as his motives.");
        add(m, "tt0107048", "Groundhog Day", 1993, List.of("Comedy", "Drama", "Fantasy"), "Harold Ramis",
                List.of("Bill Murray", "Andie MacDowell", "Chris Elliott"), "A narcissistic, self-centered weatherman finds himself in a time loop on Groundhog Day.");
        add(m, "tt0088763", "Back to the Future", 1985, List.of("Adventure", "Comedy", "Sci-Fi"), "Robert Zemeckis",
                List.of("Michael J. Fox", "Christopher Lloyd", "Lea Thompson"), "Marty McFly is accidentally sent thirty years into the past in a time-traveling DeLorean invented by his close friend, the maverick scientist Doc Brown.");
        add(m, "tt0110912", "Pulp Fiction", 1994, List.of("Crime", "Drama"), "Quentin Tarantino",
                List.of("John Travolta", "Uma Thurman", "Samuel L. Jackson"), "The lives of two mob hitmen, a boxer, a gangster and his wife, and a pair of diner bandits intertwine in four tales of violence and redemption.");
        add(m, "tt0172495", "Gladiator", 2000, List.of("Action", "Adventure", "Drama"), "Ridley Scott",
                List.of("Russell Crowe", "Joaquin Phoenix", "Connie Nielsen"), "A former Roman General sets out to exact vengeance against the corrupt emperor who murdered his family and sent him into slavery.");
        add(m, "tt0103064", "Terminator 2: Judgment Day", 1991, List.of("Action", "Sci-Fi"), "James Cameron",
                List.of("Arnold Schwarzenegger", "Linda Hamilton", "Edward Furlong"), "A cyborg, identical to the one who failed to kill Sarah Connor, must now protect her ten-year-old son John from an even more advanced and powerful cyborg.");
        add(m, "", "Amelie", 2001, List.of("Comedy", "Romance"), "Jean-Pierre Jeunet",
                List.of("Audrey Tautou", "Mathieu Kassovitz"), "");
        return new Corpus(m);
    }

    private static void add(List<Movie> m, String imdb, String title, int year, List<String> genres, String director,
                            List<String> cast, String plot) {
        m.add(new Movie(m.size(), imdb, title, year, genres, director, cast, plot, List.of("test")));
    }

    /** Scores each item by the genres it shares with the history, ties broken by lower id. */
    public static Retriever genreRetriever(Corpus corpus) {
        return new Retriever() {
            @Override
            public int numItems() {
                return corpus.size();
            }

            @Override
            public float[] score(List<Integer> historyItems) {
                Set<String> genres = new HashSet<>();
                for (int h : historyItems) genres.addAll(corpus.get(h).genres());
                float[] s = new float[corpus.size()];
                for (int i = 0; i < s.length; i++) {
                    long shared = corpus.get(i).genres().stream().filter(genres::contains).count();
                    s[i] = shared - i * 0.01f;
                }
                return s;
            }
        };
    }

    /** Ranks candidates in reverse retriever order; gives reasons only when {@code withReasons}. */
    public static Generator reversingGenerator(boolean withReasons) {
        return new Generator() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public Ranking rank(List<Turn> context, List<Movie> candidates) {
                List<Integer> items = new ArrayList<>();
                List<String> reasons = new ArrayList<>();
                for (int i = candidates.size() - 1; i >= 0; i--) {
                    items.add(candidates.get(i).id());
                    if (withReasons) reasons.add("fake reason: " + candidates.get(i).genres().get(0).toLowerCase(Locale.ROOT));
                }
                return new Ranking(items, items.size(), 0, reasons);
            }
        };
    }

    /** Finds titles as case-insensitive substrings, in order of appearance, longest title first on ties. */
    public static MentionDetector substringDetector(Corpus corpus) {
        return text -> {
            String lower = text.toLowerCase(Locale.ROOT);
            TreeMap<Integer, Integer> byPosition = new TreeMap<>();
            for (Movie m : corpus.movies()) {
                int at = lower.indexOf(m.title().toLowerCase(Locale.ROOT));
                if (at >= 0) byPosition.merge(at, m.id(), (a, b) -> corpus.get(a).title().length() >= corpus.get(b).title().length() ? a : b);
            }
            return List.copyOf(byPosition.values());
        };
    }

    public static Pipeline pipeline(boolean withReasons) {
        Corpus corpus = corpus();
        return new Pipeline(corpus, genreRetriever(corpus), reversingGenerator(withReasons));
    }

    public static ConversationRecommender recommender(boolean withReasons) {
        Pipeline p = pipeline(withReasons);
        return new ConversationRecommender(p, substringDetector(p.corpus()), 6);
    }
}
