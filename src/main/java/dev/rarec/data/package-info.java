/**
 * The conversational and sequential datasets: one reader per format (ReDial jsonl, INSPIRED TSV and
 * UniCRS jsonl, He et al. test samples, Reddit-Movie, MovieLens), entity linking of every mention
 * to corpus ids ({@link dev.rarec.data.EntityLinker}), the cut of conversations into
 * {@link dev.rarec.data.CrsExample}s (section 3.3) and MovieLens sessions (appendix A.2).
 * Entry points: {@link dev.rarec.data.Datasets#load} and {@link dev.rarec.data.MovieLensSessions#load}.
 * Readers report malformed records with file, line and reason. This package never calls DJL and
 * never trains.
 */
package dev.rarec.data;
