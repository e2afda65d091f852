/**
 * Small plumbing every package uses: the JSON mapper, atomic file writes, provenance records,
 * hashing, the data-dir rule and the home-folder layout. Nothing here knows about movies or models.
 */
package dev.rarec.util;
