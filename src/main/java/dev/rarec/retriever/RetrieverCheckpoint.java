package dev.rarec.retriever;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.rarec.util.AtomicFiles;
import dev.rarec.util.Json;
import dev.rarec.util.Provenance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The on-disk form of a {@link SequentialRetriever}: {@code config.json} (what the model is made of),
 * {@code parameters.ndlist} (its parameters in a fixed order), {@code provenance.json}, and, beside a
 * training checkpoint, {@code optimizer.ndlist} (AdamW's moments). Everything that reads or writes these
 * files is here, so the format has one definition.
 */
final class RetrieverCheckpoint {
    static final String CONFIG_FILE = "config.json";
    static final String PARAMETERS_FILE = "parameters.ndlist";
    static final String OPTIMIZER_FILE = "optimizer.ndlist";

    /** What {@code config.json} of a checkpoint holds. */
    record Saved(RetrieverConfig config, int numItems, int textDim, long seed, List<String> parameterNames,
                 List<long[]> parameterShapes) {}

    private RetrieverCheckpoint() {}

    static Saved read(Path dir) {
        Path file = dir.resolve(CONFIG_FILE);
        if (!Files.exists(file)) throw new IllegalArgumentException("no retriever checkpoint in " + dir + " (missing " + CONFIG_FILE + ")");
        try {
            return Json.MAPPER.readValue(file.toFile(), Saved.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Checks that the text embeddings given to load {@code saved} are the ones it was trained with. */
    static void checkTextEmbeddings(Path dir, Saved saved, float[][] textEmbeddings) {
        if (!saved.config().textTower()) return;
        if (textEmbeddings == null) throw new IllegalArgumentException("checkpoint " + dir + " uses the text tower; pass the item text embeddings it was trained with");
        if (textEmbeddings.length != saved.numItems()) {
            throw new IllegalArgumentException("checkpoint " + dir + " was trained on " + saved.numItems()
                    + " items, but the given text embeddings have " + textEmbeddings.length + " rows (corpus changed? re-run embed and pretraining)");
        }
        int dim = textEmbeddings.length == 0 ? 0 : textEmbeddings[0].length;
        if (dim != saved.textDim()) {
            throw new IllegalArgumentException("checkpoint " + dir + " was trained on text embeddings of dimension " + saved.textDim()
                    + ", but the given ones have dimension " + dim + " (different embedding model?)");
        }
    }

    /** Writes the model's parameters, config and provenance; the caller holds the model's read lock. */
    static void write(SequentialRetriever model, Path dir) {
        try {
            Files.createDirectories(dir);
            List<String> names = new ArrayList<>();
            List<long[]> shapes = new ArrayList<>();
            try (NDManager m = model.manager().newSubManager()) {
                NDList list = new NDList();
                for (Parameter p : model.parameters()) {
                    names.add(p.getName());
                    shapes.add(p.getArray().getShape().getShape());
                    list.add(ParamBlock.own(m, p.getArray().duplicate()));
                }
                AtomicFiles.write(dir.resolve(PARAMETERS_FILE), list::encode);
            }
            AtomicFiles.writeJson(dir.resolve(CONFIG_FILE), new Saved(model.config(), model.numItems(), model.textDimension(), model.seed(), names, shapes));
            Map<String, Object> cfg = new LinkedHashMap<>(Json.MAPPER.convertValue(model.config(), Map.class));
            cfg.put("numItems", model.numItems());
            cfg.put("textDim", model.textDimension());
            cfg.put("parameters", model.parameterCount());
            Provenance.of("retriever-checkpoint", "SequentialRetriever.save", cfg, Map.of(), model.seed()).saveIn(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save retriever to " + dir, e);
        }
    }

    /**
     * The parameters of a checkpoint, as arrays of {@code m} in the model's parameter order, after checking
     * that it was made by the model's configuration over the same items and that every shape agrees.
     */
    static NDList readParameters(SequentialRetriever model, Path dir, NDManager m) {
        Saved saved = read(dir);
        if (!saved.config().equals(model.config()) || saved.numItems() != model.numItems() || saved.textDim() != model.textDimension()) {
            throw new IllegalArgumentException("checkpoint " + dir + " was made by " + saved.config() + " over " + saved.numItems()
                    + " items (text dimension " + saved.textDim() + "), not by this model's " + model.config() + " over " + model.numItems()
                    + " items (text dimension " + model.textDimension() + ")");
        }
        NDList arrays;
        try (InputStream in = Files.newInputStream(dir.resolve(PARAMETERS_FILE))) {
            arrays = NDList.decode(m, in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + dir.resolve(PARAMETERS_FILE) + ": " + e.getMessage(), e);
        }
        List<Parameter> parameters = model.parameters();
        if (arrays.size() != parameters.size()) {
            throw new IllegalStateException(dir.resolve(PARAMETERS_FILE) + " holds " + arrays.size() + " arrays, the model has " + parameters.size());
        }
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            if (!arrays.get(i).getShape().equals(p.getArray().getShape())) {
                throw new IllegalStateException(dir.resolve(PARAMETERS_FILE) + ": parameter " + p.getName() + " has shape "
                        + arrays.get(i).getShape() + ", expected " + p.getArray().getShape());
            }
        }
        return arrays;
    }

    static void writeOptimizerState(AdamW optimizer, NDManager parent, Path dir) {
        try (NDManager m = parent.newSubManager()) {
            NDList state = optimizer.state(m);
            AtomicFiles.write(dir.resolve(OPTIMIZER_FILE), state::encode);
        }
    }

    static void readOptimizerState(AdamW optimizer, NDManager parent, Path dir) {
        Path file = dir.resolve(OPTIMIZER_FILE);
        try (NDManager m = parent.newSubManager(); InputStream in = Files.newInputStream(file)) {
            optimizer.restore(NDList.decode(m, in));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
