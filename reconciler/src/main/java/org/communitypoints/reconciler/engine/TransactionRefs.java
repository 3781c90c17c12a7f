package org.communitypoints.reconciler.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct ledger transactions seen per row (per shift, per redemption...). Almost every row has
 * exactly one, so the first is packed into primitive columns and only the rare extra ones (the
 * duplicates the reconciler is looking for) take objects.
 */
final class TransactionRefs {

    private final Columns.Bytes kinds = new Columns.Bytes();
    private final Columns.Longs msbs = new Columns.Longs();
    private final Columns.Longs lsbs = new Columns.Longs();
    private final Map<Integer, String> firstTexts = new HashMap<>();
    private final Map<Integer, List<String>> extra = new HashMap<>();
    private final long[] scratch = new long[2];

    /** Records {@code transactionId} for {@code row}; false if it was already recorded. */
    boolean add(int row, String transactionId) {
        byte kind = kinds.get(row);
        if (kind == IdCodec.NONE) {
            byte packed = IdCodec.pack(transactionId, scratch);
            kinds.set(row, packed);
            if (packed == IdCodec.TEXT) {
                firstTexts.put(row, transactionId);
            } else {
                msbs.set(row, scratch[0]);
                lsbs.set(row, scratch[1]);
            }
            return true;
        }
        if (first(row).equals(transactionId)) {
            return false;
        }
        List<String> more = extra.computeIfAbsent(row, r -> new ArrayList<>(1));
        if (more.contains(transactionId)) {
            return false;
        }
        more.add(transactionId);
        return true;
    }

    int count(int row) {
        if (kinds.get(row) == IdCodec.NONE) {
            return 0;
        }
        List<String> more = extra.get(row);
        return 1 + (more == null ? 0 : more.size());
    }

    List<String> all(int row) {
        List<String> ids = new ArrayList<>();
        if (kinds.get(row) != IdCodec.NONE) {
            ids.add(first(row));
            ids.addAll(extra.getOrDefault(row, List.of()));
        }
        return ids;
    }

    private String first(int row) {
        byte kind = kinds.get(row);
        return kind == IdCodec.TEXT ? firstTexts.get(row) : IdCodec.unpack(kind, msbs.get(row), lsbs.get(row));
    }

    void write(DataOutput out, int size) throws IOException {
        kinds.write(out, size);
        msbs.write(out, size);
        lsbs.write(out, size);
        writeMap(out, firstTexts.size());
        for (Map.Entry<Integer, String> e : firstTexts.entrySet()) {
            out.writeInt(e.getKey());
            out.writeUTF(e.getValue());
        }
        writeMap(out, extra.size());
        for (Map.Entry<Integer, List<String>> e : extra.entrySet()) {
            out.writeInt(e.getKey());
            out.writeInt(e.getValue().size());
            for (String id : e.getValue()) {
                out.writeUTF(id);
            }
        }
    }

    void read(DataInput in, int size) throws IOException {
        kinds.read(in, size);
        msbs.read(in, size);
        lsbs.read(in, size);
        for (int n = in.readInt(); n > 0; n--) {
            firstTexts.put(in.readInt(), in.readUTF());
        }
        for (int n = in.readInt(); n > 0; n--) {
            int row = in.readInt();
            List<String> ids = new ArrayList<>();
            for (int k = in.readInt(); k > 0; k--) {
                ids.add(in.readUTF());
            }
            extra.put(row, ids);
        }
    }

    private static void writeMap(DataOutput out, int size) throws IOException {
        out.writeInt(size);
    }
}
