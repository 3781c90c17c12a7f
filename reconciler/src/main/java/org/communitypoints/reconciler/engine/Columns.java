package org.communitypoints.reconciler.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/** Growable primitive columns indexed by the dense ids of an {@link IdIndex}: no boxing, no per-row objects. */
final class Columns {

    private Columns() {
    }

    static int grow(int length, int index) {
        int size = Math.max(16, length);
        while (size <= index) {
            size = size + (size >> 1) + 1;
        }
        return size;
    }

    static final class Longs {
        private long[] values = new long[16];

        long get(int i) {
            return i < values.length ? values[i] : 0L;
        }

        void set(int i, long v) {
            ensure(i);
            values[i] = v;
        }

        void add(int i, long v) {
            ensure(i);
            values[i] += v;
        }

        private void ensure(int i) {
            if (i >= values.length) {
                values = Arrays.copyOf(values, grow(values.length, i));
            }
        }

        void write(DataOutput out, int size) throws IOException {
            for (int i = 0; i < size; i++) {
                out.writeLong(get(i));
            }
        }

        void read(DataInput in, int size) throws IOException {
            values = new long[Math.max(16, size)];
            for (int i = 0; i < size; i++) {
                values[i] = in.readLong();
            }
        }
    }

    static final class Ints {
        private int[] values = new int[16];

        int get(int i) {
            return i < values.length ? values[i] : 0;
        }

        void set(int i, int v) {
            if (i >= values.length) {
                values = Arrays.copyOf(values, grow(values.length, i));
            }
            values[i] = v;
        }

        void write(DataOutput out, int size) throws IOException {
            for (int i = 0; i < size; i++) {
                out.writeInt(get(i));
            }
        }

        void read(DataInput in, int size) throws IOException {
            values = new int[Math.max(16, size)];
            for (int i = 0; i < size; i++) {
                values[i] = in.readInt();
            }
        }
    }

    static final class Bytes {
        private byte[] values = new byte[16];

        byte get(int i) {
            return i < values.length ? values[i] : 0;
        }

        void set(int i, byte v) {
            if (i >= values.length) {
                values = Arrays.copyOf(values, grow(values.length, i));
            }
            values[i] = v;
        }

        void write(DataOutput out, int size) throws IOException {
            for (int i = 0; i < size; i++) {
                out.writeByte(get(i));
            }
        }

        void read(DataInput in, int size) throws IOException {
            values = new byte[Math.max(16, size)];
            in.readFully(values, 0, size);
        }
    }
}
