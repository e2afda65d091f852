package dev.rarec.data.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Python pickles behind two layout files (LRURec's split: dicts of int → list of ints;
 * the Reddit-v2 catalogue: a list of (str, int) tuples) and the pickled object array inside
 * ReDial's {@code .npy} title file. It knows exactly the opcodes those use (protocols 2-4), runs no
 * code, and fails on any other opcode naming it and its offset.
 *
 * <p>Python values become: dict → {@link LinkedHashMap}, list → {@link ArrayList}, tuple → unmodifiable
 * {@link List}, int → {@link Long} (or {@link BigInteger}), str → {@link String}, bytes → byte[],
 * None → null, bool → {@link Boolean}, float → {@link Double}; a class reference and its
 * reconstruction (numpy's {@code _reconstruct}) → {@link Global} and {@link Reduced}.
 */
final class PickleReader {
    /** A reference to a Python class or function, never resolved. */
    record Global(String module, String name) {}

    /** {@code callable(*args)} as the pickle describes it, with the state a later BUILD gave it. */
    static final class Reduced {
        final Object callable;
        final List<Object> args;
        Object state;

        Reduced(Object callable, List<Object> args) {
            this.callable = callable;
            this.args = args;
        }
    }

    private static final Object MARK = new Object();

    private final byte[] b;
    private int pos;
    private final Deque<Object> stack = new ArrayDeque<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final List<Object> memo = new ArrayList<>();
    private final String name;

    private PickleReader(byte[] bytes, int offset, String name) {
        this.b = bytes;
        this.pos = offset;
        this.name = name;
    }

    static Object read(InputStream in, String name) throws IOException {
        return read(in.readAllBytes(), 0, name);
    }

    /** The object pickled in {@code bytes} from {@code offset}; {@code name} names the source in errors. */
    static Object read(byte[] bytes, int offset, String name) {
        return new PickleReader(bytes, offset, name).run();
    }

    private Object run() {
        while (true) {
            int at = pos;
            int op = u8();
            switch (op) {
                case 0x80 -> u8();                                   // PROTO
                case 0x95 -> pos += 8;                               // FRAME (size hint)
                case '.' -> { return pop(); }                        // STOP
                case '(' -> { marks.push(stack.size()); stack.push(MARK); }
                case '}' -> stack.push(new LinkedHashMap<>());
                case ']' -> stack.push(new ArrayList<>());
                case ')' -> stack.push(List.of());
                case 'N' -> stack.push(NullValue.NONE);
                case 0x88 -> stack.push(Boolean.TRUE);
                case 0x89 -> stack.push(Boolean.FALSE);
                case 'J' -> stack.push((long) int32());
                case 'K' -> stack.push((long) u8());
                case 'M' -> stack.push((long) (u8() | u8() << 8));
                case 0x8a -> stack.push(long1(u8()));
                case 'G' -> stack.push(ByteBuffer.wrap(bytes(8)).order(ByteOrder.BIG_ENDIAN).getDouble());
                case 0x8c -> stack.push(new String(bytes(u8()), StandardCharsets.UTF_8));
                case 'X' -> stack.push(new String(bytes(int32()), StandardCharsets.UTF_8));
                case 0x8d -> stack.push(new String(bytes(Math.toIntExact(le8())), StandardCharsets.UTF_8));
                case 'C' -> stack.push(bytes(u8()));
                case 'B' -> stack.push(bytes(int32()));
                case 0x94 -> memo.add(stack.peek());                 // MEMOIZE
                case 'q' -> put(u8());
                case 'r' -> put(int32());
                case 'h' -> stack.push(get(u8(), at));
                case 'j' -> stack.push(get(int32(), at));
                case 'a' -> { Object v = pop(); list(peek(), at).add(v); }
                case 'e' -> { List<Object> vs = popToMark(); list(peek(), at).addAll(vs); }
                case 's' -> { Object v = pop(); Object k = pop(); dict(peek(), at).put(k, v); }
                case 'u' -> {
                    List<Object> kv = popToMark();
                    Map<Object, Object> d = dict(peek(), at);
                    for (int i = 0; i + 1 < kv.size(); i += 2) d.put(kv.get(i), kv.get(i + 1));
                }
                case 't' -> stack.push(tuple(popToMark()));
                case 0x85 -> stack.push(tuple(Arrays.asList(pop())));
                case 0x86 -> { Object y = pop(); Object x = pop(); stack.push(tuple(Arrays.asList(x, y))); }
                case 0x87 -> { Object z = pop(); Object y = pop(); Object x = pop(); stack.push(tuple(Arrays.asList(x, y, z))); }
                case 'c' -> stack.push(new Global(line(), line()));
                case 0x93 -> { Object n = pop(); Object m = pop(); stack.push(new Global((String) m, (String) n)); }
                case 'R' -> { Object args = pop(); Object fn = pop(); stack.push(new Reduced(fn, unwrapList(args, at))); }
                case 'b' -> {
                    Object state = pop();
                    if (!(peek() instanceof Reduced r)) throw error(at, "BUILD on a " + describe(peek()));
                    r.state = unwrap(state);
                }
                default -> throw error(at, String.format("unsupported pickle opcode 0x%02x", op));
            }
        }
    }

    /** A placeholder for Python's None on the stack (the deque refuses null). */
    private enum NullValue { NONE }

    private static Object unwrap(Object v) {
        return v == NullValue.NONE ? null : v;
    }

    private List<Object> unwrapList(Object v, int at) {
        if (!(v instanceof List<?> l)) throw error(at, "REDUCE arguments are a " + describe(v) + ", not a tuple");
        return tuple(new ArrayList<>(l));
    }

    private static List<Object> tuple(List<Object> items) {
        List<Object> out = new ArrayList<>(items.size());
        items.forEach(i -> out.add(unwrap(i)));
        return Collections.unmodifiableList(out);
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o, int at) {
        if (o instanceof ArrayList<?> l) return (List<Object>) l;
        throw error(at, "APPEND to a " + describe(o));
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict(Object o, int at) {
        if (o instanceof LinkedHashMap<?, ?> m) return (Map<Object, Object>) m;
        throw error(at, "SETITEM on a " + describe(o));
    }

    private List<Object> popToMark() {
        if (marks.isEmpty()) throw error(pos - 1, "no MARK on the stack");
        int depth = marks.pop();
        List<Object> out = new ArrayList<>();
        while (stack.size() > depth + 1) out.add(0, unwrap(stack.pop()));
        stack.pop(); // the mark itself
        return out;
    }

    private void put(int index) {
        while (memo.size() <= index) memo.add(null);
        memo.set(index, stack.peek());
    }

    private Object get(int index, int at) {
        if (index >= memo.size() || memo.get(index) == null) throw error(at, "memo " + index + " not set");
        return memo.get(index);
    }

    private Object pop() {
        if (stack.isEmpty() || stack.peek() == MARK) throw error(pos - 1, "stack underflow");
        return unwrap(stack.pop());
    }

    private Object peek() {
        if (stack.isEmpty()) throw error(pos - 1, "stack underflow");
        return stack.peek();
    }

    private int u8() {
        if (pos >= b.length) throw error(pos, "truncated pickle");
        return b[pos++] & 0xff;
    }

    /** A 4-byte little-endian signed int. */
    private int int32() {
        int v = 0;
        for (int i = 0; i < 4; i++) v |= u8() << (8 * i);
        return v;
    }

    private long le8() {
        long v = 0;
        for (int i = 0; i < 8; i++) v |= (long) u8() << (8 * i);
        return v;
    }

    private Object long1(int n) {
        byte[] le = bytes(n);
        byte[] be = new byte[Math.max(1, n)];
        for (int i = 0; i < n; i++) be[n - 1 - i] = le[i];
        BigInteger v = n == 0 ? BigInteger.ZERO : new BigInteger(be);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private byte[] bytes(int n) {
        if (n < 0 || pos + n > b.length) throw error(pos, "truncated pickle (needs " + n + " bytes)");
        byte[] out = Arrays.copyOfRange(b, pos, pos + n);
        pos += n;
        return out;
    }

    private String line() {
        int start = pos;
        while (pos < b.length && b[pos] != '\n') pos++;
        String s = new String(b, start, pos - start, StandardCharsets.UTF_8);
        pos++;
        return s;
    }

    private static String describe(Object o) {
        return o == null || o == NullValue.NONE ? "None" : o.getClass().getSimpleName();
    }

    private IllegalStateException error(int at, String message) {
        return new IllegalStateException(name + ": " + message + " at byte " + at);
    }
}
