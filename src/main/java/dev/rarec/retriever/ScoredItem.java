package dev.rarec.retriever;

/** A corpus item with the score a retriever or generator gave it. */
public record ScoredItem(int item, float score) {}
