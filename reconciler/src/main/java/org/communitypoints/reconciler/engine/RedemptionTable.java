package org.communitypoints.reconciler.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.communitypoints.reconciler.model.Redemption;

/** Per redemption: its state in the catalog, and the holds, captures and releases the ledger posted for it. */
final class RedemptionTable {

    static final byte UNKNOWN = -1;

    final IdIndex keys;
    private final Columns.Bytes state = new Columns.Bytes();
    private final Columns.Bytes captureConfirmed = new Columns.Bytes();
    private final Columns.Ints member = new Columns.Ints();
    private final Columns.Ints partner = new Columns.Ints();
    private final Columns.Ints community = new Columns.Ints();
    private final Columns.Longs price = new Columns.Longs();
    private final Columns.Longs holdExpiresAt = new Columns.Longs();
    private final Columns.Longs stateSince = new Columns.Longs();
    private final Columns.Longs captured = new Columns.Longs();
    private final Columns.Longs firstHoldAt = new Columns.Longs();
    final TransactionRefs holds = new TransactionRefs();
    final TransactionRefs captures = new TransactionRefs();
    final TransactionRefs releases = new TransactionRefs();

    RedemptionTable() {
        this(new IdIndex());
    }

    private RedemptionTable(IdIndex keys) {
        this.keys = keys;
    }

    int size() {
        return keys.size();
    }

    void declare(Redemption r, int memberRef, int partnerRef, int communityRef) {
        int row = keys.intern(r.redemptionId());
        state.set(row, (byte) (r.state().ordinal() + 1));
        captureConfirmed.set(row, (byte) (r.captureConfirmed() ? 1 : 0));
        member.set(row, memberRef);
        partner.set(row, partnerRef);
        community.set(row, communityRef);
        price.set(row, r.points() + r.subsidyPoints());
        holdExpiresAt.set(row, r.holdExpiresAt() == null ? 0 : r.holdExpiresAt().toEpochMilli());
        stateSince.set(row, r.stateSince() == null ? 0 : r.stateSince().toEpochMilli());
    }

    int row(String redemptionId) {
        return keys.intern(redemptionId);
    }

    void hold(int row, String transactionId, long atMillis) {
        if (holds.add(row, transactionId) && firstHoldAt.get(row) == 0) {
            firstHoldAt.set(row, atMillis);
        }
    }

    void capture(int row, String transactionId, long amount) {
        captures.add(row, transactionId);
        captured.add(row, amount);
    }

    void release(int row, String transactionId) {
        releases.add(row, transactionId);
    }

    /** The catalog state's ordinal, or {@link #UNKNOWN} when the catalog never listed it. */
    int state(int row) {
        return state.get(row) - 1;
    }

    boolean captureConfirmed(int row) {
        return captureConfirmed.get(row) == 1;
    }

    int member(int row) {
        return member.get(row);
    }

    int partner(int row) {
        return partner.get(row);
    }

    int community(int row) {
        return community.get(row);
    }

    long price(int row) {
        return price.get(row);
    }

    long holdExpiresAt(int row) {
        return holdExpiresAt.get(row);
    }

    long stateSince(int row) {
        return stateSince.get(row);
    }

    long captured(int row) {
        return captured.get(row);
    }

    long firstHoldAt(int row) {
        return firstHoldAt.get(row);
    }

    void write(DataOutput out) throws IOException {
        keys.write(out);
        int size = keys.size();
        state.write(out, size);
        captureConfirmed.write(out, size);
        member.write(out, size);
        partner.write(out, size);
        community.write(out, size);
        price.write(out, size);
        holdExpiresAt.write(out, size);
        stateSince.write(out, size);
        captured.write(out, size);
        firstHoldAt.write(out, size);
        holds.write(out, size);
        captures.write(out, size);
        releases.write(out, size);
    }

    static RedemptionTable read(DataInput in) throws IOException {
        RedemptionTable table = new RedemptionTable(IdIndex.read(in));
        int size = table.keys.size();
        table.state.read(in, size);
        table.captureConfirmed.read(in, size);
        table.member.read(in, size);
        table.partner.read(in, size);
        table.community.read(in, size);
        table.price.read(in, size);
        table.holdExpiresAt.read(in, size);
        table.stateSince.read(in, size);
        table.captured.read(in, size);
        table.firstHoldAt.read(in, size);
        table.holds.read(in, size);
        table.captures.read(in, size);
        table.releases.read(in, size);
        return table;
    }
}
