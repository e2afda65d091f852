/**
 * {@code rarec data fetch}: rebuilds the data dir's layout from the pinned public originals, so that a
 * machine without the team's data folder can start. One {@link dev.rarec.data.fetch.Manifest} (a
 * resource made from the data folder's SOURCES.tsv) lists every layout file, the original(s) it
 * comes from (URL, SHA-256, size) and the {@link dev.rarec.data.fetch.Derivation} that turns them
 * into it. One download loop ({@link dev.rarec.data.fetch.Downloader}: temporary name, HTTP Range
 * resume, bounded retries with backoff) and one verification step (SHA-256 of every original and
 * of every layout file's content, before an atomic move) serve every file, in the manner of
 * Maven's resolver and pip's hash-checking mode: nothing unverified ever appears in the layout.
 * {@link dev.rarec.data.fetch.DataFetcher} runs the whole job and reports through a
 * {@link dev.rarec.data.fetch.FetchListener}; it never prints.
 */
package dev.rarec.data.fetch;
