/**
 * The generation stage of RAR (section 3.3): a {@link dev.rarec.generator.Generator} ranks the retrieved
 * candidates with the conversation text, and {@link dev.rarec.generator.Pipeline} joins it to the retriever.
 *
 * <p>Generators: {@link dev.rarec.generator.SemanticReranker} (built in, the default, no network),
 * {@link dev.rarec.generator.LlmGenerator} (the figure 5 prompt on any OpenAI-compatible endpoint, its
 * answer read by {@link dev.rarec.generator.RankedListParser} and matched to candidates by
 * {@link dev.rarec.generator.TitleMatcher} with the paper's 0.85 threshold), and
 * {@link dev.rarec.generator.RetrieverOrder} (keeps the retriever's order, for retriever-only rows).
 * Every generator returns every candidate exactly once. This package must not touch model weights or
 * train anything; the HTTP plumbing lives in {@code generator.llm}.
 */
package dev.rarec.generator;
