package dev.rarec.data.fetch;

import java.util.List;

/**
 * One file of the data dir's layout and how to make it.
 *
 * @param path         relative path in the data dir, e.g. {@code movielens/ml-100k/u.data.gz}
 * @param derivation   how the originals become this file's content
 * @param originals    the originals it is made from, in the manifest's order (the order matters for merges)
 * @param layoutSha256 SHA-256 of the file's content (after gunzip for {@code .gz}) in the reference layout
 * @param note         the manifest's human note on how the file relates to its originals
 */
public record LayoutFile(String path, Derivation derivation, List<Original> originals, String layoutSha256, String note) {

    public LayoutFile {
        originals = List.copyOf(originals);
    }

    /** The dataset the file belongs to: its top folder ({@code redial}, {@code movielens}, ...). */
    public String dataset() {
        return path.substring(0, path.indexOf('/'));
    }

    /** Layout files ending in {@code .gz} hold their content gzipped. */
    public boolean gzipped() {
        return path.endsWith(".gz");
    }

    /**
     * The content hash a fetched file must have. Where the reference layout deliberately differs from
     * what the public original gives (rows withheld), the fetched file is the public original and its
     * hash is the one enforced.
     */
    public String expectedSha256() {
        return derivation == Derivation.PUBLIC_ORIGINAL ? originals.get(0).sha256() : layoutSha256;
    }

    /** Whether the reference layout's content hash is the one enforced for this file. */
    public boolean layoutHashEnforced() {
        return derivation != Derivation.PUBLIC_ORIGINAL;
    }
}
