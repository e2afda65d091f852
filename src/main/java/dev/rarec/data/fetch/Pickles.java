package dev.rarec.data.fetch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Typed access to what {@link PickleReader} returns, with errors that say which part of which file was unexpected. */
final class Pickles {
    private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private Pickles() {}

    static Map<?, ?> dict(Object o, String what) {
        if (o instanceof Map<?, ?> m) return m;
        throw new IllegalStateException(what + " is " + type(o) + ", expected a dict");
    }

    static List<?> list(Object o, String what) {
        if (o instanceof List<?> l) return l;
        throw new IllegalStateException(what + " is " + type(o) + ", expected a list or tuple");
    }

    /** {@code {original id: dense id}} turned into {@code dense → original}. */
    static Map<Long, Long> inverse(Map<?, ?> map) {
        Map<Long, Long> out = new HashMap<>();
        map.forEach((k, v) -> out.put(asLong(v), asLong(k)));
        return out;
    }

    static long mapped(Map<Long, Long> map, Object key, String what) {
        Long v = map.get(asLong(key));
        if (v == null) throw new IllegalStateException(what + " has no entry for " + key);
        return v;
    }

    private static long asLong(Object o) {
        if (o instanceof Long l) return l;
        throw new IllegalStateException(type(o) + " " + o + " where an int was expected");
    }

    /**
     * The strings of a {@code .npy} file holding a numpy object array (numpy pickles such arrays as
     * {@code _reconstruct(...)} with the elements as the last item of the state tuple).
     */
    static List<String> npyStrings(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        for (int i = 0; i < NPY_MAGIC.length; i++) {
            if (b.length <= i || b[i] != NPY_MAGIC[i]) throw new IllegalStateException(file + ": not a .npy file");
        }
        int major = b[6];
        int headerLength = major == 1 ? (b[8] & 0xff) | (b[9] & 0xff) << 8
                : (b[8] & 0xff) | (b[9] & 0xff) << 8 | (b[10] & 0xff) << 16 | (b[11] & 0xff) << 24;
        int start = (major == 1 ? 10 : 12) + headerLength;
        String header = new String(b, major == 1 ? 10 : 12, headerLength, StandardCharsets.ISO_8859_1);
        if (!header.contains("'descr': '|O'")) throw new IllegalStateException(file + ": not an object array (" + header.strip() + ")");
        Object array = PickleReader.read(b, start, file.getFileName().toString());
        if (!(array instanceof PickleReader.Reduced r) || !(r.state instanceof List<?> state) || state.isEmpty()) {
            throw new IllegalStateException(file + ": pickled object array without a state");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list(state.get(state.size() - 1), file + " elements")) {
            if (!(o instanceof String s)) throw new IllegalStateException(file + ": element " + out.size() + " is " + type(o) + ", expected str");
            out.add(s);
        }
        return out;
    }

    private static String type(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }
}
