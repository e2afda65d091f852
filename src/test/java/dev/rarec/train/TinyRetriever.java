package dev.rarec.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.rarec.retriever.NdMath;
import dev.rarec.retriever.TrainableRetriever;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * A retriever small enough for unit tests: the history is the mean of input item embeddings, with dropout
 * while training, scored against output item embeddings plus an item bias; plain SGD, so a checkpoint holds
 * the whole training state.
 */
final class TinyRetriever implements TrainableRetriever {
    private static final String FILE = "tiny.bin";

    private final NDManager manager = NDManager.newBaseManager();
    private final int n;
    private final int d;
    private final NDArray itemIn;
    private final NDArray itemOut;
    private final NDArray bias;
    private final float learningRate;
    private final float dropout;

    private TinyRetriever(int n, int d, float[] in, float[] out, float[] b, float learningRate, float dropout) {
        this.n = n;
        this.d = d;
        this.itemIn = manager.create(in, new Shape(n, d));
        this.itemOut = manager.create(out, new Shape(n, d));
        this.bias = manager.create(b, new Shape(n));
        for (NDArray p : List.of(itemIn, itemOut, bias)) p.setRequiresGradient(true);
        this.learningRate = learningRate;
        this.dropout = dropout;
    }

    static TinyRetriever random(int n, int d, long seed, float learningRate, float dropout) {
        Random r = new Random(seed);
        float[] in = new float[n * d];
        float[] out = new float[n * d];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) (r.nextGaussian() * 0.5);
            out[i] = (float) (r.nextGaussian() * 0.5);
        }
        return new TinyRetriever(n, d, in, out, new float[n], learningRate, dropout);
    }

    static TinyRetriever load(Path dir, float learningRate, float dropout) {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(dir.resolve(FILE)))) {
            int n = in.readInt();
            int d = in.readInt();
            float[] a = readFloats(in, n * d);
            float[] b = readFloats(in, n * d);
            float[] c = readFloats(in, n);
            return new TinyRetriever(n, d, a, b, c, learningRate, dropout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int numItems() {
        return n;
    }

    @Override
    public float[] score(List<Integer> historyItems) {
        try (NDManager sub = manager.newSubManager()) {
            return scores(sub, List.of(historyItems), false).toFloatArray();
        }
    }

    @Override
    public NDArray scores(NDManager m, List<List<Integer>> histories, boolean training) {
        float[] average = new float[histories.size() * n];
        for (int b = 0; b < histories.size(); b++) {
            for (int item : histories.get(b)) average[b * n + item] += 1f / histories.get(b).size();
        }
        NDArray h = m.create(average, new Shape(histories.size(), n)).matMul(itemIn);
        if (training && dropout > 0) {
            NDArray keep = m.randomUniform(0, 1, h.getShape()).gt(dropout).toType(h.getDataType(), false);
            h = h.mul(keep).mul(NdMath.scalar(h, 1 / (1 - dropout)));
        }
        return h.matMul(itemOut.transpose()).add(bias);
    }

    @Override
    public float step(Function<NDManager, NDArray> loss) {
        float value;
        try (NDManager sub = manager.newSubManager();
             GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray l = loss.apply(sub);
            value = l.toFloatArray()[0];
            collector.backward(l);
        }
        for (NDArray p : List.of(itemIn, itemOut, bias)) {
            NDArray g = p.getGradient();
            p.subi(g.mul(learningRate));
            g.subi(g);
        }
        return value;
    }

    @Override
    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(FILE)))) {
                out.writeInt(n);
                out.writeInt(d);
                for (NDArray p : List.of(itemIn, itemOut, bias)) for (float f : p.toFloatArray()) out.writeFloat(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        manager.close();
    }

    private static float[] readFloats(DataInputStream in, int count) throws IOException {
        float[] a = new float[count];
        for (int i = 0; i < count; i++) a[i] = in.readFloat();
        return a;
    }
}
