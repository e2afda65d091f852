/**
 * Benchmarks: they measure product code from outside and write the figures behind docs/benchmarks.md and
 * docs/data.md. {@link dev.rarec.bench.LatencyBenchmark} (top-k retrieval latency),
 * {@link dev.rarec.bench.ThroughputBenchmark} (pretraining throughput and memory),
 * {@link dev.rarec.bench.EncoderBenchmark} (embedding throughput and truncation quality),
 * {@link dev.rarec.bench.MentionBenchmark} (mention detection on ReDial),
 * {@link dev.rarec.bench.LoadBench} (the HTTP API under concurrent and malformed requests) and
 * {@link dev.rarec.bench.FetchVerification} ({@code rarec data fetch} against a
 * {@link dev.rarec.bench.LoopbackMirror}, a 127.0.0.1 server playing the public hosts, with injected faults).
 *
 * <p>Only {@code dev.rarec.cli} commands call this package; no product package imports it
 * ({@code BenchIsolationTest} checks).
 */
package dev.rarec.bench;
