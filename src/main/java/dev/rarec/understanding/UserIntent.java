package dev.rarec.understanding;

import java.util.List;

/**
 * What the user said in a conversation, as a recommender must read it.
 *
 * @param liked       movies the user named without disliking them, oldest first (what a sequential
 *                    retriever reads); an assistant's suggestion joins only once the user names it
 * @param disliked    movies the user said they did not like; similar films go down
 * @param suggested   movies the assistant named that the user has not taken up; not recommended again
 * @param constraints the requests, later ones correcting earlier ones
 * @param requests    the user's messages, oldest first, as a text query reads them ({@link ConstraintParser#queryText})
 * @param keywords    the same messages as a plot search reads them ({@link ConstraintParser#keywordText})
 */
public record UserIntent(List<Integer> liked, List<Integer> disliked, List<Integer> suggested,
                         Constraints constraints, List<String> requests, List<String> keywords) {
    public static final UserIntent NONE = new UserIntent(List.of(), List.of(), List.of(), Constraints.NONE, List.of());

    public UserIntent {
        liked = List.copyOf(liked);
        disliked = List.copyOf(disliked);
        suggested = List.copyOf(suggested);
        requests = List.copyOf(requests);
        keywords = List.copyOf(keywords);
    }

    /** An intent whose requests ask no plot search. */
    public UserIntent(List<Integer> liked, List<Integer> disliked, List<Integer> suggested, Constraints constraints, List<String> requests) {
        this(liked, disliked, suggested, constraints, requests, List.of());
    }
}
