package dev.rarec.cli;

import picocli.CommandLine.Option;

/** Which retriever and which generator make the pipeline; mixed into every command that recommends. */
public final class GeneratorOptions {
    @Option(names = "--model", description = "Retriever run under <home>/models (default: the one named in <home>/models/CURRENT, i.e. the last trained).")
    public String model;

    @Option(names = "--generator", description = "builtin (default, offline semantic reranker), retriever (keep the retriever's order) or llm (an OpenAI-compatible chat endpoint).", defaultValue = "builtin")
    public String generator;

    @Option(names = "--candidates", description = "Where candidates come from: hybrid (default; the retriever fused with the conversation's text, "
            + "popularity and the user's explicit constraints over the whole corpus) or paper (the retriever alone, as in RAR).", defaultValue = "hybrid")
    public String candidates;

    @Option(names = "--hybrid-weights", description = "Hybrid candidates: weights of the retriever, the text query, popularity, dislikes and (optional fifth) the plot search, "
            + "in standard deviations of each signal (default: ${DEFAULT-VALUE}).", defaultValue = "1.0,0.25,0.25,1.0")
    public String hybridWeights;

    @Option(names = "--fusion-weight", description = "Built-in generator: weight of the conversation match against the candidates' order, in [0, 1] "
            + "(default: " + dev.rarec.generator.SemanticReranker.HYBRID_FUSION_WEIGHT + " with hybrid candidates, whose order already holds the text; "
            + dev.rarec.generator.SemanticReranker.DEFAULT_FUSION_WEIGHT + " with paper candidates).")
    public Double fusionWeight;

    /** The fusion weight asked for, else the default for the candidate source. */
    double fusionWeight() {
        return fusionWeight != null ? fusionWeight : dev.rarec.generator.SemanticReranker.defaultFusionWeight(candidates);
    }

    @Option(names = "--llm-base-url", description = "Base URL of the OpenAI-compatible API (default: $RAREC_LLM_BASE_URL, else https://api.openai.com/v1).")
    public String baseUrl;

    @Option(names = "--llm-model", description = "Chat model name (default: $RAREC_LLM_MODEL).")
    public String llmModel;

    @Option(names = "--llm-api-key-env", description = "Environment variable holding the API key (default: ${DEFAULT-VALUE}). The key itself is never logged or cached.", defaultValue = "OPENAI_API_KEY")
    public String apiKeyEnv;

    @Option(names = "--llm-temperature", description = "Sampling temperature (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    public double temperature;

    @Option(names = "--llm-max-tokens", description = "Maximum tokens of an answer, thinking included; an answer cut at it is a failure (default: ${DEFAULT-VALUE}; thinking models need several thousand).", defaultValue = "512")
    public int maxTokens;

    @Option(names = "--llm-reasoning-effort", description = "Reasoning effort for thinking models (none, low, medium, high); omitted when unset.")
    public String reasoningEffort;

    @Option(names = "--llm-concurrency", description = "Concurrent requests to the endpoint (default: ${DEFAULT-VALUE}).", defaultValue = "4")
    public int concurrency;

    @Option(names = "--llm-timeout", description = "Seconds one request may take; a call with its retries takes at most (1 + --llm-max-retries) times this (default: ${DEFAULT-VALUE}).", defaultValue = "120")
    public double timeoutSeconds;

    @Option(names = "--llm-max-retries", description = "Retries after a 429, a 5xx, a timeout or a connection error (default: ${DEFAULT-VALUE}).", defaultValue = "5")
    public int maxRetries;

    @Option(names = "--no-cache", description = "Neither read nor write the LLM response cache (<home>/cache/llm): every call goes to the endpoint.")
    public boolean noCache;
}
