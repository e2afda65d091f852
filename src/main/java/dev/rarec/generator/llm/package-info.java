/**
 * Talking to OpenAI-compatible chat endpoints (OpenAI, Gemini's OpenAI-compatible API, vLLM, Ollama,
 * llama.cpp's server) for the LLM generator: {@link dev.rarec.generator.llm.ChatClient} (bounded
 * concurrency, retries with backoff, token accounting), {@link dev.rarec.generator.llm.LlmConfig} and
 * the on-disk {@link dev.rarec.generator.llm.ResponseCache} that makes a re-run cost no call.
 *
 * <p>This package knows nothing of movies or prompts (that is {@code LlmGenerator}'s job) and must never
 * log, cache or put into an error message the API key, which it reads only from the environment
 * variable the configuration names.
 */
package dev.rarec.generator.llm;
