/**
 * The surfaces people and programs use: the HTTP API with its web page ({@link dev.rarec.serve.RecommendationServer}),
 * the terminal chat ({@link dev.rarec.serve.ChatSession}), conversation files
 * ({@link dev.rarec.serve.ConversationReader}). Its load harness lives with the other benchmarks.
 *
 * <p>Everything here parses, validates, limits and renders; every recommendation comes from
 * {@link dev.rarec.generator.ConversationRecommender}, so the terminal, the API and the page give the
 * same answer to the same conversation. This package must not rank, retrieve or detect movies itself.
 */
package dev.rarec.serve;
