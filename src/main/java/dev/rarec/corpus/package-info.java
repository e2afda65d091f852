/**
 * The unified movie corpus of section 3.2: {@link dev.rarec.corpus.Movie} records with stable
 * integer ids, built by {@link dev.rarec.corpus.CorpusBuilder} from every metadata source in the
 * data dir (one reader per source, de-duplicated by IMDb id, then normalised title + year), and
 * title lookup: {@link dev.rarec.corpus.TitleIndex} turns "Title (Year)" strings into corpus ids and
 * {@link dev.rarec.corpus.TitleMentionDetector} finds the titles a person names in free text, both through
 * the one normaliser of {@link dev.rarec.corpus.Titles}. This package knows nothing about conversations or training; dataset readers live in
 * {@code dev.rarec.data}.
 */
package dev.rarec.corpus;
