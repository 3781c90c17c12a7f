package org.communitypoints.points.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.contracts.seal.CanonicalTransaction;
import org.communitypoints.contracts.seal.CanonicalTransaction.Leg;
import org.communitypoints.contracts.seal.JournalHashes;
import org.communitypoints.platform.data.ExportCursor;

/**
 * The hash chain over the journal ({@code chain_link}, {@code chain_progress}; V60). Reads the journal's content in
 * the canonical form of {@code contracts} ({@link CanonicalTransaction}), which every hash is computed over.
 */
@ApplicationScoped
public class ChainRepository {

    /** The one advisory lock the sequencer and the sealer take: a single chain writer per database. */
    private static final long CHAIN_LOCK = 0x63686169_6e4c6bL;

    /**
     * The hash a stored link continues: stored on links made before V93 and on a community's first link of each
     * sequencer statement, otherwise the hash of the stored link that ends just before it (the primary key read
     * backwards from its position).
     */
    private static final String PREVIOUS_HASH = """
            coalesce(l.previous_hash, (select b.hash from chain_link b
                                       where b.community_id = l.community_id and b.position < l.position
                                       order by b.position desc limit 1))""";

    /**
     * A shift credit stores its cause only as shift_id (V94): its cause_id reads as that id's text, its cause type as
     * SHIFT ({@link JournalRepository#CAUSE_TYPE}, V102); it may store its activity in place of its description (V96),
     * read back whole through {@link JournalRepository#DESCRIPTION}.
     */
    private static final String CONTENT_COLUMNS = "t.id, t.community_id, t.kind, " + JournalRepository.CAUSE_TYPE
            + ", coalesce(t.cause_id, t.shift_id::text), t.actor, t.approved_by, t.reason, "
            + JournalRepository.DESCRIPTION + ", t.posted_at, a.type, a.owner_id, p.amount, p.pending";

    private final DataSource dataSource;

    public ChainRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A transaction committed but not linked yet, with the writing transaction that committed it. */
    public record Unlinked(String writerXid, CanonicalTransaction content) {
    }

    /** A community's last link. */
    public record Head(long position, byte[] hash) {
    }

    /**
     * A link to store: one transaction ({@code transactionId}), or the {@code transactionCount} transactions of its
     * community that the writing transaction {@code writerXid} wrote, all posted at {@code postedAt}. {@code hash} is
     * the last one's.
     */
    public record NewLink(String communityId, long position, int transactionCount, UUID transactionId, String writerXid,
            Instant postedAt, byte[] previousHash, byte[] hash) {

        public static NewLink ofTransaction(String communityId, long position, UUID transactionId, Instant postedAt,
                byte[] previousHash, byte[] hash) {
            return new NewLink(communityId, position, 1, transactionId, null, postedAt, previousHash, hash);
        }

        public static NewLink ofWriter(String communityId, long position, int transactionCount, String writerXid,
                Instant postedAt, byte[] previousHash, byte[] hash) {
            return new NewLink(communityId, position, transactionCount, null, writerXid, postedAt, previousHash, hash);
        }
    }

    /**
     * One transaction's link as every reader sees it, with the content its transaction has in the journal now: its
     * position, the hash it continues and its hash. A stored link covering several transactions (V99) gives one per
     * transaction; the hash of the last is the stored one, those before it are recomputed from the previous hash and
     * their content, as the sequencer computed them, so an edit anywhere in the link shows at its last transaction.
     *
     * @param rowSeq the stored link's export sequence
     * @param index the transaction's place within the stored link, from 0
     * @param lastOfRow whether it is the stored link's last transaction (the one whose hash is stored)
     */
    public record StoredLink(long rowSeq, int index, boolean lastOfRow, long position, CanonicalTransaction content,
            byte[] previousHash, byte[] hash) {

        /**
         * The chain export's cursor after this link: the stored link's sequence once its last transaction is read
         * (the form every cursor had before V99), else the sequence and the index within it.
         */
        public String cursor() {
            return lastOfRow ? Long.toString(rowSeq) : rowSeq + "." + index;
        }
    }

    /**
     * Takes the chain's lock for the caller's transaction, if no one else holds it.
     *
     * @return false when another instance is linking or sealing right now
     */
    public boolean tryLock() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, CHAIN_LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /** Every posting written by a transaction with an id up to this one is linked. */
    public String lastLinkedXid() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select last_xid::text from chain_progress")) {
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    public void advance(String lastXid) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "update chain_progress set last_xid = cast(? as xid8), updated_at = now()")) {
            update.setString(1, lastXid);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /**
     * The committed transactions not linked yet, in the journal export's gap-free order (writing transaction, then
     * sequence): whole writing transactions only, about {@code postingLimit} postings (more when one writing
     * transaction alone has more), none of a transaction still running or younger than one still running.
     * <p>
     * Each posting's transaction and account are read by their primary keys ({@code offset 0} keeps the subqueries
     * from being joined as tables): the page's end is a subquery the planner cannot see into, so it expected about a
     * thousand postings and read the whole journal for them (a hash join), on every call, in a time that grew with the
     * journal (50 ms a call at 113,000 transactions; docs/benchmarks.md, 2026-12-04 23:10).
     */
    public List<Unlinked> unlinkedAfter(String lastXid, int postingLimit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        with upto as (
                            select max(writer_xid) as xid from (
                                select writer_xid from posting
                                where writer_xid > cast(? as xid8) and writer_xid <\s""" + ExportCursor.GAP_FREE_HORIZON + "\n"
                        + """
                                        order by writer_xid, seq limit ?) page)
                                select p.writer_xid::text,\s""" + CONTENT_COLUMNS + "\n" + """
                                from posting p
                                cross join lateral (select * from journal_transaction t
                                                    where t.id = p.transaction_id offset 0) t
                                cross join lateral (select * from account a where a.id = p.account_id offset 0) a
                                where p.writer_xid > cast(? as xid8) and p.writer_xid <= (select xid from upto)
                                order by p.writer_xid, p.seq""")) {
            select.setString(1, lastXid);
            select.setInt(2, postingLimit);
            select.setString(3, lastXid);
            List<Unlinked> unlinked = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                Map<UUID, Integer> at = new HashMap<>();
                List<String> xids = new ArrayList<>();
                List<Builder> builders = new ArrayList<>();
                while (rs.next()) {
                    UUID id = rs.getObject(2, UUID.class);
                    Integer index = at.get(id);
                    if (index == null) {
                        index = builders.size();
                        at.put(id, index);
                        xids.add(rs.getString(1));
                        builders.add(new Builder(rs, 2));
                    }
                    builders.get(index).leg(rs, 2);
                }
                for (int i = 0; i < builders.size(); i++) {
                    unlinked.add(new Unlinked(xids.get(i), builders.get(i).build()));
                }
            }
            return unlinked;
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /** The last link of each of these communities that has one. */
    public Map<String, Head> heads(Collection<String> communities) {
        Map<String, Head> heads = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select c.community_id, l.position + l.transaction_count - 1, l.hash
                        from unnest(?::text[]) c(community_id)
                        cross join lateral (select position, transaction_count, hash from chain_link
                                            where community_id = c.community_id
                                            order by position desc limit 1) l""")) {
            select.setArray(1, AccountRepository.texts(connection, List.copyOf(communities)));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    heads.put(rs.getString(1), new Head(rs.getLong(2), rs.getBytes(3)));
                }
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
        return heads;
    }

    public void insert(List<NewLink> links) {
        if (links.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into chain_link (community_id, position, transaction_count, transaction_id, writer_xid,
                                                posted_at, previous_hash, hash)
                        select c, p, n, t, w::xid8, a::timestamptz, decode(ph, 'hex'), decode(h, 'hex')
                        from unnest(?::text[], ?::bigint[], ?::int[], ?::uuid[], ?::text[], ?::text[], ?::text[],
                                    ?::text[]) as u(c, p, n, t, w, a, ph, h)""")) {
            // hashes travel as hex text, times and writers as text: the driver builds no bytea, timestamptz or xid8
            // arrays
            insert.setArray(1, AccountRepository.texts(connection, links.stream().map(NewLink::communityId).toList()));
            insert.setArray(2, connection.createArrayOf("int8", links.stream().map(NewLink::position).toArray()));
            insert.setArray(3,
                    connection.createArrayOf("int4", links.stream().map(NewLink::transactionCount).toArray()));
            insert.setArray(4, connection.createArrayOf("uuid", links.stream().map(NewLink::transactionId).toArray()));
            insert.setArray(5, AccountRepository.texts(connection, links.stream().map(NewLink::writerXid).toList()));
            insert.setArray(6,
                    AccountRepository.texts(connection, links.stream().map(l -> l.postedAt().toString()).toList()));
            // a community's first link in the statement stores the hash it continues (the trigger checks it against
            // the stored chain); the links after it store none: it is the hash of the link before, read from that row
            Set<String> continued = new HashSet<>();
            insert.setArray(7, AccountRepository.texts(connection, links.stream()
                    .map(l -> continued.add(l.communityId()) ? JournalHashes.hex(l.previousHash()) : null).toList()));
            insert.setArray(8,
                    AccountRepository.texts(connection, links.stream().map(l -> JournalHashes.hex(l.hash())).toList()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /** The stored links of a community posted in [?, ?): a range of {@code chain_link_by_month}. */
    public static final String POSTED_BETWEEN = "where l.community_id = ? and l.posted_at >= ? and l.posted_at < ?";

    /** The stored link covering one transaction (its id four times); see {@link #linkOf}. */
    public static final String OF_TRANSACTION = """
            where l.community_id = (select community_id from journal_transaction where id = ?)
              and l.posted_at = (select posted_at from journal_transaction where id = ?)
              and (l.transaction_id = ?
                   or l.writer_xid = (select writer_xid from posting where transaction_id = ? limit 1))""";

    /**
     * The statement that reads the stored links a condition on {@code l} selects (read once, with the hash each
     * continues), with the transactions each covers and their legs, in chain order: the transaction a link names, or
     * (V99) its community's transactions among the postings of its writing transaction ({@code posting_export_order}),
     * ordered by their first posting. Public for the storage benchmark, which prints its plans.
     */
    public static String selectLinks(String condition) {
        String covered = """
                select l.seq, l.position, l.previous, l.hash, %s,
                       min(p.seq) over (partition by l.seq, t.id) as first_seq, p.seq as posting_seq
                from l
                join posting p on %s
                join journal_transaction t on t.id = p.transaction_id and t.community_id = l.community_id
                join account a on a.id = p.account_id
                """;
        return "with l as materialized (select l.seq, l.position, l.community_id, l.transaction_id, l.writer_xid, "
                + PREVIOUS_HASH + " as previous, l.hash\nfrom chain_link l\n" + condition + ")\n"
                + covered.formatted(CONTENT_COLUMNS, "p.transaction_id = l.transaction_id") + "union all\n"
                + covered.formatted(CONTENT_COLUMNS, "p.writer_xid = l.writer_xid")
                + "order by seq, first_seq, posting_seq";
    }

    /** A community's links of transactions posted in [from, to), in chain order, with their content now. */
    public List<StoredLink> linksPostedBetween(String communityId, Instant from, Instant to) {
        return links(POSTED_BETWEEN, communityId, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
    }

    /**
     * Links in the order they were made, from the stored link with export sequence {@code fromSeq} on, less the first
     * {@code skip} transactions of that one: at most {@code limit}.
     */
    public List<StoredLink> linksAfter(long fromSeq, int skip, int limit) {
        // the stored links whose transactions reach into the page: each covers transaction_count of them
        List<StoredLink> links = links("""
                where l.seq in (select seq from (
                                    select seq, sum(transaction_count) over (order by seq) - transaction_count as before
                                    from chain_link where seq >= ? order by seq limit ?) r
                                where r.before < ?)""", fromSeq, limit, (long) limit + skip);
        return links.stream().filter(l -> l.rowSeq() != fromSeq || l.index() >= skip).limit(limit).toList();
    }

    /**
     * The link of one transaction, if it is linked. No index names a link's transaction (V98): the transaction's
     * community and time, read by its primary key, lead to a group of {@code chain_link_by_month}, links at that time,
     * and of those the one naming the transaction or its writing transaction (read through
     * {@code posting_by_transaction}) covers it.
     */
    public Optional<StoredLink> linkOf(UUID transactionId) {
        return links(OF_TRANSACTION, transactionId, transactionId, transactionId, transactionId).stream()
                .filter(l -> l.content().transactionId().equals(transactionId)).findFirst();
    }

    /**
     * Reads the stored links the condition selects, each with the transactions it covers as the journal holds them now,
     * and gives one link per transaction (see {@link StoredLink}).
     */
    private List<StoredLink> links(String condition, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(selectLinks(condition))) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            List<StoredLink> links = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                Row row = null;
                Builder builder = null;
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    if (row == null || seq != row.seq) {
                        if (row != null) {
                            row.transactions.add(builder.build());
                            row.addTo(links);
                        }
                        row = new Row(seq, rs.getLong(2), rs.getBytes(3), rs.getBytes(4));
                        builder = new Builder(rs, 5);
                    } else if (!builder.id.equals(rs.getObject(5, UUID.class))) {
                        row.transactions.add(builder.build());
                        builder = new Builder(rs, 5);
                    }
                    builder.leg(rs, 5);
                }
                if (row != null) {
                    row.transactions.add(builder.build());
                    row.addTo(links);
                }
            }
            return links;
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /** A stored link read back with the transactions it covers. */
    private static final class Row {
        private final long seq;
        private final long position;
        private final byte[] previousHash;
        private final byte[] storedHash;
        private final List<CanonicalTransaction> transactions = new ArrayList<>();

        Row(long seq, long position, byte[] previousHash, byte[] storedHash) {
            this.seq = seq;
            this.position = position;
            this.previousHash = previousHash;
            this.storedHash = storedHash;
        }

        /**
         * One link per transaction: the hashes before the last recomputed as the sequencer computed them; the last is
         * the stored one, which recomputes from them only if no covered transaction changed, left or came in.
         */
        void addTo(List<StoredLink> links) {
            byte[] previous = previousHash;
            for (int i = 0; i < transactions.size(); i++) {
                CanonicalTransaction content = transactions.get(i);
                boolean last = i == transactions.size() - 1;
                byte[] hash = last ? storedHash : JournalHashes.link(previous, content.canonicalBytes());
                links.add(new StoredLink(seq, i, last, position + i, content, previous, hash));
                previous = hash;
            }
        }
    }

    /** Collects one transaction's rows (its content columns from {@code first} on) into its canonical form. */
    private static final class Builder {
        private final UUID id;
        private final String community;
        private final String kind;
        private final String causeType;
        private final String causeId;
        private final String actor;
        private final String approvedBy;
        private final String reason;
        private final String description;
        private final Instant postedAt;
        private final List<Leg> legs = new ArrayList<>();

        Builder(ResultSet rs, int first) throws SQLException {
            id = rs.getObject(first, UUID.class);
            community = rs.getString(first + 1);
            kind = rs.getString(first + 2);
            causeType = rs.getString(first + 3);
            causeId = rs.getString(first + 4);
            actor = rs.getString(first + 5);
            approvedBy = rs.getString(first + 6);
            reason = rs.getString(first + 7);
            description = rs.getString(first + 8);
            postedAt = rs.getObject(first + 9, OffsetDateTime.class).toInstant();
        }

        void leg(ResultSet rs, int first) throws SQLException {
            legs.add(new Leg(rs.getString(first + 10), rs.getString(first + 11), rs.getLong(first + 12),
                    rs.getBoolean(first + 13)));
        }

        CanonicalTransaction build() {
            return new CanonicalTransaction(id, community, kind, causeType, causeId, actor, approvedBy, reason,
                    description, postedAt, legs);
        }
    }
}
