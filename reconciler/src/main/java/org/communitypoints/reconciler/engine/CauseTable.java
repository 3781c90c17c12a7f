package org.communitypoints.reconciler.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Per cause (a shift, or a correction): what the source service says it is worth, and what the ledger
 * posted for it. Rows are interned cause ids; a row exists as soon as either side mentions it.
 */
final class CauseTable {

    final IdIndex keys;
    private final Columns.Bytes known = new Columns.Bytes();
    private final Columns.Longs expected = new Columns.Longs();
    private final Columns.Longs declaredAt = new Columns.Longs();
    private final Columns.Ints member = new Columns.Ints();
    private final Columns.Ints community = new Columns.Ints();
    private final Columns.Ints related = new Columns.Ints();
    private final Columns.Longs posted = new Columns.Longs();
    final TransactionRefs transactions = new TransactionRefs();

    CauseTable() {
        this(new IdIndex());
    }

    private CauseTable(IdIndex keys) {
        this.keys = keys;
    }

    int size() {
        return keys.size();
    }

    /** The source service declared this cause: upsert, so reading the same item twice changes nothing. */
    void declare(String id, long value, long atMillis, int memberRef, int communityRef, int relatedRef) {
        int row = keys.intern(id);
        known.set(row, (byte) 1);
        expected.set(row, value);
        declaredAt.set(row, atMillis);
        member.set(row, memberRef);
        community.set(row, communityRef);
        related.set(row, relatedRef);
    }

    /**
     * A posting on the resident's account for this cause. Until the source declares the cause, its
     * first posting's time stands in for the declaration time, so a credit that just overtook its shift
     * in the exports is in flight, not orphaned.
     */
    void post(String id, String transactionId, long amount, int memberRef, long atMillis) {
        int row = keys.intern(id);
        if (!known(row) && declaredAt.get(row) == 0) {
            declaredAt.set(row, atMillis);
        }
        posted.add(row, amount);
        transactions.add(row, transactionId);
        if (member.get(row) == 0) {
            member.set(row, memberRef);
        }
    }

    boolean known(int row) {
        return known.get(row) == 1;
    }

    long expected(int row) {
        return expected.get(row);
    }

    long declaredAt(int row) {
        return declaredAt.get(row);
    }

    int member(int row) {
        return member.get(row);
    }

    int community(int row) {
        return community.get(row);
    }

    int related(int row) {
        return related.get(row);
    }

    long posted(int row) {
        return posted.get(row);
    }

    void write(DataOutput out) throws IOException {
        keys.write(out);
        int size = keys.size();
        known.write(out, size);
        expected.write(out, size);
        declaredAt.write(out, size);
        member.write(out, size);
        community.write(out, size);
        related.write(out, size);
        posted.write(out, size);
        transactions.write(out, size);
    }

    static CauseTable read(DataInput in) throws IOException {
        CauseTable table = new CauseTable(IdIndex.read(in));
        int size = table.keys.size();
        table.known.read(in, size);
        table.expected.read(in, size);
        table.declaredAt.read(in, size);
        table.member.read(in, size);
        table.community.read(in, size);
        table.related.read(in, size);
        table.posted.read(in, size);
        table.transactions.read(in, size);
        return table;
    }
}
