/**
 * Benchmarks: they measure product code from outside and write the figures behind docs/benchmarks.md and
 * docs/data.md. {@link dev.rarec.bench.LatencyBenchmark} (top-k retrieval latency),
 * {@link dev.rarec.bench.ThroughputBenchmark} (pretraining throughput and memory in the CRS setting),
 * {@link dev.rarec.bench.TrainingThroughput} (pretraining windows/s of this build against a baseline build, in
 * alternating JVMs),
 * {@link dev.rarec.bench.EncoderBenchmark} (embedding throughput and truncation quality),
 * {@link dev.rarec.bench.MentionBenchmark} (mention detection on ReDial),
 * {@link dev.rarec.bench.LoadBench} (the HTTP API under concurrent and malformed requests),
 * {@link dev.rarec.bench.FetchVerification} ({@code rarec data fetch} against a
 * {@link dev.rarec.bench.LoopbackMirror}, a 127.0.0.1 server playing the public hosts, with injected faults) and
 * {@link dev.rarec.bench.ConversationBench} (the conversation suite: a resource of conversations written the way
 * people ask a movie recommender, each answer's top 5 checked against corpus metadata for the years, genre
 * families, person and films the conversation asks for or rules out, and its history for the corpus entries the
 * named titles must resolve to; in process or against a running {@code rarec serve}).
 *
 * <p>Only {@code dev.rarec.cli} commands call this package; no product package imports it
 * ({@code BenchIsolationTest} checks). It must not tune or change what it measures.
 */
package dev.rarec.bench;
