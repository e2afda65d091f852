/**
 * The first stage of RAR, f_ret: sequential retrievers that score every corpus item from the items
 * mentioned so far (section 3.3, eq. 2). {@link dev.rarec.retriever.SequentialRetriever} joins one of five
 * DJL sequence encoders (LRURec, SASRec, GRU4Rec, FMLP-Rec, BERT4Rec) with a shared item tower (text
 * embedding → learned projection, optionally plus an id embedding), so that any corpus item can be scored.
 * It owns scoring, history masking, top-k, the optimiser step and checkpoints. It must not parse dataset
 * files or decide what to train on; that is the {@code train} package's job.
 */
package dev.rarec.retriever;
