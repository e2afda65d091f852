/**
 * Text embeddings of corpus items (section 3.3, appendix A.2): the vectors the retrievers' item
 * tower starts from.
 *
 * <p>A {@link dev.rarec.embed.TextEncoder} turns texts into L2-normalised vectors; {@link
 * dev.rarec.embed.Encoders#create} makes one from a user's {@code --encoder} choice: the in-process
 * {@link dev.rarec.embed.OnnxTextEncoder} (all-MiniLM-L6-v2 by default, bge-small-en-v1.5) or the
 * {@link dev.rarec.embed.OpenAiEmbeddingEncoder} for any OpenAI-compatible {@code /embeddings}
 * server. {@link dev.rarec.embed.EmbeddingCache} remembers every vector by (model, text hash), and
 * {@link dev.rarec.embed.ItemEmbeddings#build} goes through it, so nothing is embedded twice and an
 * interrupted run resumes. {@link dev.rarec.embed.ItemEmbeddings} is the stored matrix with a
 * manifest naming its model and corpus; loading it for another corpus fails loudly.
 *
 * <p>This package must not embed a cached text again, train anything, or let an API key reach a
 * log, an exception, a cache file or a provenance record.
 */
package dev.rarec.embed;
