package org.communitypoints.reconciler.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Interns ids (UUIDs, numbers or text) to dense ints 0..size-1 with an open-addressing table of
 * primitive arrays: about 30 bytes per UUID id, against ~150 for a HashMap&lt;String, ...&gt; entry.
 */
public final class IdIndex {

    private static final int EMPTY = -1;

    private int[] slots = filled(1 << 10);
    private byte[] kinds = new byte[16];
    private long[] msbs = new long[16];
    private long[] lsbs = new long[16];
    private String[] texts = new String[16];
    private int size;
    private final long[] scratch = new long[2];

    public int size() {
        return size;
    }

    /** The dense index of {@code id}, adding it if new. */
    public int intern(String id) {
        int found = find(id);
        return found >= 0 ? found : add(id);
    }

    /** The dense index of {@code id}, or -1. */
    public int find(String id) {
        byte kind = IdCodec.pack(id, scratch);
        int mask = slots.length - 1;
        for (int slot = hash(kind, id) & mask;; slot = (slot + 1) & mask) {
            int index = slots[slot];
            if (index == EMPTY) {
                return -1;
            }
            if (matches(index, kind, id)) {
                return index;
            }
        }
    }

    public String idAt(int index) {
        byte kind = kinds[index];
        return kind == IdCodec.TEXT ? texts[index] : IdCodec.unpack(kind, msbs[index], lsbs[index]);
    }

    private int add(String id) {
        byte kind = IdCodec.pack(id, scratch);
        int index = size++;
        if (index >= kinds.length) {
            int grown = Columns.grow(kinds.length, index);
            kinds = Arrays.copyOf(kinds, grown);
            msbs = Arrays.copyOf(msbs, grown);
            lsbs = Arrays.copyOf(lsbs, grown);
            texts = Arrays.copyOf(texts, grown);
        }
        kinds[index] = kind;
        if (kind == IdCodec.TEXT) {
            texts[index] = id;
        } else {
            msbs[index] = scratch[0];
            lsbs[index] = scratch[1];
        }
        if (size * 2 > slots.length) {
            rehash(slots.length * 2);
        } else {
            place(index);
        }
        return index;
    }

    private boolean matches(int index, byte kind, String id) {
        if (kinds[index] != kind) {
            return false;
        }
        return kind == IdCodec.TEXT ? texts[index].equals(id)
                : msbs[index] == scratch[0] && lsbs[index] == scratch[1];
    }

    private int hash(byte kind, String id) {
        return kind == IdCodec.TEXT ? IdCodec.hash(id.hashCode(), 7) : IdCodec.hash(scratch[0], scratch[1] + kind);
    }

    private int hashAt(int index) {
        byte kind = kinds[index];
        return kind == IdCodec.TEXT ? IdCodec.hash(texts[index].hashCode(), 7)
                : IdCodec.hash(msbs[index], lsbs[index] + kind);
    }

    private void place(int index) {
        int mask = slots.length - 1;
        int slot = hashAt(index) & mask;
        while (slots[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = index;
    }

    private void rehash(int capacity) {
        slots = filled(capacity);
        for (int i = 0; i < size; i++) {
            place(i);
        }
    }

    private static int[] filled(int capacity) {
        int[] array = new int[capacity];
        Arrays.fill(array, EMPTY);
        return array;
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeByte(kinds[i]);
            if (kinds[i] == IdCodec.TEXT) {
                out.writeUTF(texts[i]);
            } else {
                out.writeLong(msbs[i]);
                out.writeLong(lsbs[i]);
            }
        }
    }

    static IdIndex read(DataInput in) throws IOException {
        IdIndex index = new IdIndex();
        int count = in.readInt();
        int capacity = 1 << 10;
        while (capacity < count * 2 + 2) {
            capacity <<= 1;
        }
        index.slots = filled(capacity);
        index.kinds = new byte[Math.max(16, count)];
        index.msbs = new long[Math.max(16, count)];
        index.lsbs = new long[Math.max(16, count)];
        index.texts = new String[Math.max(16, count)];
        for (int i = 0; i < count; i++) {
            byte kind = in.readByte();
            index.kinds[i] = kind;
            if (kind == IdCodec.TEXT) {
                index.texts[i] = in.readUTF();
            } else {
                index.msbs[i] = in.readLong();
                index.lsbs[i] = in.readLong();
            }
            index.size = i + 1;
            index.place(i);
        }
        return index;
    }
}
