package dev.rarec.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.rarec.util.AtomicFiles;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A run's resume state (the {@code last/} and {@code best/} folders of {@link Pretrainer}) packed into one
 * file small enough to commit, so that a run longer than a working session continues on whatever machine the
 * next session has. Parameters and the loop's state are kept exactly; AdamW's moments, running averages that
 * only scale the steps, are kept as bfloat16 (8 bits of mantissa), which makes the file a third smaller. A
 * resumed run therefore follows the uninterrupted one closely but not bit for bit.
 */
public final class PortableCheckpoint {
    static final String OPTIMIZER_FILE = "optimizer.ndlist";
    static final String MOMENTS_SUFFIX = ".bf16";
    private static final List<String> FOLDERS = List.of(Pretrainer.LAST, Pretrainer.BEST);

    private PortableCheckpoint() {}

    /** Packs {@code runDir}'s {@code last/} and {@code best/} into {@code file} (written atomically). */
    public static void pack(Path runDir, Path file) {
        if (!Files.exists(runDir.resolve(Pretrainer.LAST).resolve(Pretrainer.STATE_FILE))) {
            throw new IllegalArgumentException("no run state to pack in " + runDir + " (missing " + Pretrainer.LAST + "/" + Pretrainer.STATE_FILE + ")");
        }
        Map<String, Path> files = new TreeMap<>();
        for (String folder : FOLDERS) {
            Path dir = runDir.resolve(folder);
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                        .forEach(p -> files.put(folder + "/" + p.getFileName(), p));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }
        AtomicFiles.write(file, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, Path> f : files.entrySet()) {
                    String name = f.getKey();
                    byte[] bytes = Files.readAllBytes(f.getValue());
                    if (name.endsWith("/" + OPTIMIZER_FILE)) {
                        name += MOMENTS_SUFFIX;
                        bytes = toBf16(bytes);
                    }
                    ZipEntry entry = new ZipEntry(name);
                    entry.setTime(0); // the same state packs to the same bytes
                    zip.putNextEntry(entry);
                    zip.write(bytes);
                    zip.closeEntry();
                }
            }
        });
    }

    /**
     * Unpacks {@code file} into {@code runDir} when the file exists and the folder holds no run state yet (a new
     * machine); returns whether it did. A folder with its own state is resumed from that instead.
     */
    public static boolean unpackIfFresh(Path file, Path runDir) {
        if (!Files.exists(file) || Files.exists(runDir.resolve(Pretrainer.LAST).resolve(Pretrainer.STATE_FILE))) return false;
        unpack(file, runDir);
        return true;
    }

    /** Unpacks {@code file} into {@code runDir}, which must not hold a run state yet. */
    public static void unpack(Path file, Path runDir) {
        Path state = runDir.resolve(Pretrainer.LAST).resolve(Pretrainer.STATE_FILE);
        if (Files.exists(state)) throw new IllegalStateException(runDir + " already holds a run state; it is not overwritten by " + file);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName();
                String[] parts = name.split("/");
                if (parts.length != 2 || !FOLDERS.contains(parts[0]) || parts[1].isEmpty() || parts[1].startsWith(".") || parts[1].contains("\\")) {
                    throw new IllegalArgumentException(file + ": unexpected entry " + name);
                }
                byte[] bytes = zip.readAllBytes();
                if (name.endsWith(MOMENTS_SUFFIX)) entries.put(name.substring(0, name.length() - MOMENTS_SUFFIX.length()), fromBf16(bytes, file));
                else entries.put(name, bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String stateEntry = Pretrainer.LAST + "/" + Pretrainer.STATE_FILE;
        byte[] stateBytes = entries.remove(stateEntry);
        if (stateBytes == null) throw new IllegalArgumentException(file + " holds no " + stateEntry + " (entries: " + entries.keySet() + ")");
        entries.forEach((name, bytes) -> AtomicFiles.write(runDir.resolve(name), out -> out.write(bytes)));
        // the state file last: a half-unpacked folder is not mistaken for a resumable run
        AtomicFiles.write(state, out -> out.write(stateBytes));
    }

    /** An encoded NDList with every float32 array as bfloat16 (round to nearest even); other arrays as they are. */
    static byte[] toBf16(byte[] ndlist) throws IOException {
        try (NDManager m = NDManager.newBaseManager(); InputStream in = new ByteArrayInputStream(ndlist)) {
            NDList list = NDList.decode(m, in);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(list.size());
            for (NDArray a : list) {
                out.writeUTF(a.getDataType().name());
                long[] shape = a.getShape().getShape();
                out.writeInt(shape.length);
                for (long d : shape) out.writeLong(d);
                if (a.getDataType() == DataType.FLOAT32) {
                    for (float f : a.toFloatArray()) out.writeShort(bf16(f));
                } else {
                    byte[] raw = a.toByteArray();
                    out.writeInt(raw.length);
                    out.write(raw);
                }
            }
            out.flush();
            return bytes.toByteArray();
        }
    }

    static byte[] fromBf16(byte[] packed, Path file) {
        try (NDManager m = NDManager.newBaseManager()) {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(packed));
            int n = in.readInt();
            NDList list = new NDList();
            for (int i = 0; i < n; i++) {
                DataType type = DataType.valueOf(in.readUTF());
                long[] dims = new long[in.readInt()];
                for (int j = 0; j < dims.length; j++) dims[j] = in.readLong();
                Shape shape = new Shape(dims);
                if (type == DataType.FLOAT32) {
                    float[] values = new float[Math.toIntExact(shape.size())];
                    for (int j = 0; j < values.length; j++) values[j] = Float.intBitsToFloat((in.readShort() & 0xffff) << 16);
                    list.add(m.create(values, shape));
                } else {
                    byte[] raw = new byte[in.readInt()];
                    in.readFully(raw);
                    list.add(m.create(ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder()), shape, type));
                }
            }
            if (in.available() != 0) throw new IllegalArgumentException("packed moments have " + in.available() + " bytes after its arrays");
            return list.encode();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": not a packed optimizer state (" + e.getMessage() + ")", e);
        }
    }

    /** The upper 16 bits of a float, rounded to nearest even (moments are finite). */
    static short bf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        return (short) ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16);
    }
}
