package dev.rarec.retriever;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Inverted dropout, x ⊙ mask with mask ∈ {0, 1/(1-p)}, whose mask is drawn in Java. PyTorch's CPU Bernoulli
 * draws one 64-bit number per element on one thread (its parallel MKL path runs only on Intel processors): on
 * this machine's AMD cores that took about a tenth of an LRURec step's CPU time while the second core waited.
 * Here chunks of the mask are filled in parallel, 16 random bits per element.
 *
 * <p>The mask depends only on a seed drawn from PyTorch's generator, which the trainers seed at every step, so a
 * step's masks are the same whatever the number of threads, and a resumed run draws the masks it would have
 * drawn. It is written straight into the memory of a tensor PyTorch allocated: creating it from a Java
 * buffer would cost a copy, or a direct buffer per mask that is freed only when the Java heap is next collected,
 * which a training step, whose data lives outside the heap, rarely causes.
 */
final class Dropout {
    /** Elements per independently seeded chunk: fixed, so that the mask does not depend on how chunks are scheduled. */
    static final int CHUNK = 1 << 16;

    private Dropout() {}

    static NDArray apply(NDArray x, double rate) {
        if (rate <= 0) return x;
        if (rate >= 1) throw new IllegalArgumentException("dropout rate must be below 1, got " + rate);
        NDManager m = x.getManager();
        long seed = m.randomInteger(0, Long.MAX_VALUE, new Shape(1), DataType.INT64).getLong();
        return x.mul(mask(m, x.getShape(), rate, seed));
    }

    /** The scaled keep-mask of {@code shape}: each element is 1/(1-rate) with probability about 1 - rate, else 0. */
    static NDArray mask(NDManager m, Shape shape, double rate, long seed) {
        int n = Math.toIntExact(shape.size());
        // an element is dropped when its 16 random bits fall below the threshold: rate to within 2^-16
        int threshold = (int) Math.round(rate * 65536);
        float keep = (float) (1 / (1 - rate));
        NDArray mask = m.create(shape, DataType.FLOAT32); // uninitialised; every element is written below
        FloatBuffer out = mask.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer(); // the tensor's own memory
        if (out.capacity() != n) throw new IllegalStateException("a view of " + out.capacity() + " floats on a mask of " + n);
        int chunks = (n + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            SplittableRandom rng = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (c + 1)));
            int from = c * CHUNK;
            int to = Math.min(n, from + CHUNK);
            long bits = 0;
            for (int i = from; i < to; i++) {
                if (((i - from) & 3) == 0) bits = rng.nextLong();
                out.put(i, (int) (bits & 0xFFFF) < threshold ? 0f : keep);
                bits >>>= 16;
            }
        });
        return mask;
    }
}
