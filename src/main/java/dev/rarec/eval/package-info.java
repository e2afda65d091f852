/**
 * Evaluation of a {@link dev.rarec.generator.Pipeline} as the paper reports it (section 4, after
 * He et al. 2023).
 *
 * <p>{@link dev.rarec.eval.Evaluator} runs the pipeline over {@link dev.rarec.data.CrsExample}s and
 * turns each ground-truth target into one {@link dev.rarec.eval.TargetRow} (its rank in the final
 * list and in the candidate set); {@link dev.rarec.eval.Metrics} turns rows into NDCG@k and Recall@k,
 * each a mean with a 95% confidence interval; {@link dev.rarec.eval.ReportWriter} writes what a person
 * reads ({@code report.md}), what a program reads ({@code metrics.json}) and the figures (PNG).
 * Popularity groups (items unseen in training vs the rest, figure 4) and retrieval-size sweeps
 * (figure 3) are computed from the same rows.
 *
 * <p>This package only calls {@code Pipeline.recommend}; it never calls a retriever or a generator
 * directly, and it never trains anything.
 */
package dev.rarec.eval;
