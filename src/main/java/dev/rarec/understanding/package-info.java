/**
 * What the user said, read from the conversation (beyond the paper): the movies they liked and
 * disliked, the ones the assistant only suggested, and the explicit constraints of their requests —
 * years and decades, genres wanted and excluded, people — with negation.
 *
 * <p>{@link dev.rarec.understanding.ConstraintParser} is a pure function from one message to a typed
 * {@link dev.rarec.understanding.Constraints} record, built from small rules in the manner of
 * Duckling (each tested on a table of phrases and their parses); negation is an explicit scope (a
 * negator reaches to the end of its clause), not a keyword test.
 * {@link dev.rarec.understanding.IntentReader} folds the turns of a conversation into a
 * {@link dev.rarec.understanding.UserIntent}: later requests correct earlier ones.
 *
 * <p>Reads corpus metadata (people's names, titles); knows nothing of models or training.
 */
package dev.rarec.understanding;
