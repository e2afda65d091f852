package dev.rarec.train;

/**
 * Derives independent seeds from the run's seed and a position (epoch, example, attempt, step), so any
 * part of a run can be replayed without replaying what came before: that is what makes a resumed run
 * equal to an uninterrupted one, and concurrent generator calls irrelevant to the numbers.
 */
final class Seeds {
    private Seeds() {}

    static long mix(long seed, long... parts) {
        long h = fmix(seed ^ 0x9E3779B97F4A7C15L);
        for (long p : parts) h = fmix(h ^ fmix(p + 0x632BE59BD9B4E019L));
        return h;
    }

    /** The 64-bit finaliser of MurmurHash3: every input bit affects every output bit. */
    private static long fmix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB93FE1A85EC9L;
        h ^= h >>> 33;
        return h;
    }
}
