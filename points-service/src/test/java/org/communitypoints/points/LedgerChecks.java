package org.communitypoints.points;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.RedemptionReceipt;
import org.communitypoints.contracts.Topics;
import org.communitypoints.contracts.events.HoldCaptureRequested;
import org.communitypoints.contracts.events.HoldRequested;
import org.communitypoints.contracts.events.ShiftVerified;
import org.communitypoints.platform.data.InboundRecord;
import org.communitypoints.points.domain.AccountKey;
import org.communitypoints.points.domain.JournalTransaction;
import org.communitypoints.points.domain.Posting;
import org.communitypoints.points.domain.TransactionKind;
import org.communitypoints.points.repository.AccountRepository;
import org.communitypoints.points.repository.JournalRepository;
import org.communitypoints.points.service.ShiftCreditingService;
import org.communitypoints.points.service.ShiftEvent;
import org.communitypoints.testsupport.KafkaTestClient;
import org.communitypoints.testsupport.Registry;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** What every test checks after its scenario, straight from the database, and quick ways to earn points. */
@ApplicationScoped
public class LedgerChecks {

    private static final AtomicLong OFFSETS = new AtomicLong();
    private static Registry registry;

    private final DataSource dataSource;
    private final ShiftCreditingService crediting;
    private final AccountRepository accounts;
    private final JournalRepository journal;

    public LedgerChecks(DataSource dataSource, ShiftCreditingService crediting, AccountRepository accounts,
            JournalRepository journal) {
        this.dataSource = dataSource;
        this.crediting = crediting;
        this.accounts = accounts;
        this.journal = journal;
    }

    /**
     * Puts points into the community's subsidy pool the way an approved funding books them, without the two staff
     * members and the budget (SubsidyPoolTest covers those).
     */
    public void fundPool(String communityId, long points) {
        QuarkusTransaction.requiringNew().run(() -> {
            AccountKey pool = AccountKey.subsidyPool(communityId);
            AccountKey issuance = AccountKey.issuance(communityId);
            UUID id = UUID.randomUUID();
            journal.append(List.of(new JournalTransaction(id, communityId, TransactionKind.POOL_FUNDING, "POOL_FUNDING",
                    id.toString(), "补贴池拨入：测试", "staff-test", "test", List.of(Posting.posted(pool, points),
                            Posting.posted(issuance, -points)),
                    "staff-test-checker")), accounts.openAndLock(List.of(pool, issuance)), Instant.now());
        });
    }

    /** The pool's stored balance: {posted, pending}. */
    public long[] poolBalance(String communityId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select posted, pending from account where community_id = ? and type = 'SUBSIDY_POOL'")) {
            statement.setString(1, communityId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? new long[] { rs.getLong(1), rs.getLong(2) } : new long[] { 0, 0 };
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each transaction sums to zero (posted and pending parts), every balance equals its postings, no resident below zero. */
    public void assertInvariants() {
        assertEquals(List.of(), ids("""
                select t.id::text from journal_transaction t left join posting p on p.transaction_id = t.id
                group by t.id
                having count(p.seq) < 2
                    or coalesce(sum(p.amount) filter (where p.pending), 0) <> 0
                    or coalesce(sum(p.amount) filter (where not p.pending), 0) <> 0"""),
                "transactions that do not balance");
        assertEquals(List.of(), ids("""
                select a.id::text from account a left join posting p on p.account_id = a.id
                where a.type <> 'ISSUANCE'
                group by a.id
                having a.posted <> coalesce(sum(p.amount) filter (where not p.pending), 0)
                    or a.pending <> coalesce(sum(p.amount) filter (where p.pending), 0)"""),
                "accounts whose balance differs from their postings");
        // the issuance balance the service shows is derived from the community's other accounts (V100): it must equal
        // the sum of the issuance account's own postings, which every transaction staying in its community guarantees
        assertEquals(List.of(), ids("""
                select i.id::text from account i
                where i.type = 'ISSUANCE'
                  and (select coalesce(sum(p.amount), 0) from posting p where p.account_id = i.id)
                      <> -(select coalesce(sum(o.posted + o.pending), 0) from account o
                           where o.community_id = i.community_id and o.type <> 'ISSUANCE')"""),
                "issuance accounts whose postings differ from minus their community's other accounts");
        assertEquals(List.of(), ids("""
                select p.transaction_id::text from posting p
                join journal_transaction t on t.id = p.transaction_id join account a on a.id = p.account_id
                where a.community_id <> t.community_id"""),
                "transactions with a posting on another community's account");
        assertEquals(List.of(), ids("""
                select id::text from account where type in ('RESIDENT', 'SUBSIDY_POOL')
                  and (posted + pending < 0 or pending > 0)"""),
                "residents or subsidy pools below zero");
        assertEquals(List.of(), ids("""
                select redemption_id::text from hold h
                where status = 'PLACED' and (points > 0 or (pool_reserved and subsidy_points > 0)) and not exists
                  (select 1 from journal_transaction t where t.cause_id = h.redemption_id::text and t.kind = 'HOLD')"""),
                "placed holds without their journal entry");
    }

    /**
     * The registry as community-service publishes it (through the test broker into this service's copy), open for the
     * test JVM's life.
     */
    public static synchronized Registry registry() {
        if (registry == null) {
            registry = Registry.forTests();
        }
        return registry;
    }

    /** A new active resident of the community, in the registry's copy: staff may adjust their points. */
    public static String registeredResident(String communityId) {
        String member = "resident-" + UUID.randomUUID();
        registry().register(communityId, member);
        return member;
    }

    /**
     * A new active resident whose household is on the registry's 低保 (DIBAO) list from a year ago, in the registry's
     * copy: holds with a means-tested discount are placed for them (the copy confirms the discount's category).
     */
    public static String subsidisedResident(String communityId) {
        return residentOfHousehold(communityId, "DIBAO", null);
    }

    /**
     * A new active resident of a new household with the category (valid from a year ago until the day given, or
     * open-ended), in the registry's copy.
     */
    public static String residentOfHousehold(String communityId, String category, LocalDate validUntil) {
        String member = "resident-" + UUID.randomUUID();
        String household = "household-" + UUID.randomUUID();
        registry().household(communityId, household,
                Registry.category(category, LocalDate.now().minusYears(1), validUntil));
        registry().registerInHousehold(communityId, member, household);
        return member;
    }

    /**
     * The request as catalog-service passes it on: with the gateway's receipt of it, signed with the test profile's
     * secret, for its redemption, its resident and its proxy ({@code actedBy}), issued when catalog-service says it was
     * asked for (now if it does not say).
     */
    public static HoldRequested withReceipt(HoldRequested request) {
        return request.withReceipt(receipt(request.redemptionId(), request.memberId(), request.actedBy(),
                request.requestedAt() != null ? request.requestedAt() : Instant.now()));
    }

    /** A capture without a hold (fully subsidised) as catalog-service passes it on: see the hold request's. */
    public static HoldCaptureRequested withReceipt(HoldCaptureRequested capture) {
        return capture.withReceipt(receipt(capture.redemptionId(), capture.memberId(), capture.actedBy(),
                capture.requestedAt() != null ? capture.requestedAt() : Instant.now()));
    }

    /**
     * The gateway's receipt, in its wire form, of a redemption of the resident's points asked for at the time by the
     * resident, or by the proxy {@code actedBy} names.
     */
    public static String receipt(UUID redemptionId, String memberId, String actedBy, Instant issuedAt) {
        String caller = actedBy == null || actedBy.isBlank() ? memberId : actedBy.strip();
        return new RedemptionReceipt(redemptionId, caller, memberId, issuedAt).sign(receiptSecret());
    }

    /** The secret the test profile's gateway signs receipts with and points-service checks them with. */
    public static RedemptionReceipt.Secret receiptSecret() {
        return RedemptionReceipt.Secret
                .of(ConfigProvider.getConfig().getValue("points.holds.receipt-secret", String.class));
    }

    /** Waits for points-service's answer of the type (e.g. PointsHeld) about the redemption on points.holds. */
    public static EventEnvelope holdAnswer(KafkaTestClient kafka, UUID redemptionId, String type) {
        return kafka.awaitEvent(Topics.HOLDS,
                e -> e.type().equals(type) && e.payload().path("redemptionId").asText().equals(redemptionId.toString()),
                Duration.ofSeconds(30));
    }

    /** Credits a verified shift the way the Kafka consumer does, without waiting for Kafka. */
    public UUID credit(String communityId, String memberId, long points, String activityTitle) {
        UUID shiftId = UUID.randomUUID();
        crediting.apply(List.of(shiftEvent(communityId, UUID.randomUUID(), shift(shiftId, memberId, points, activityTitle))));
        return shiftId;
    }

    public static ShiftVerified shift(UUID shiftId, String memberId, long points, String activityTitle) {
        return new ShiftVerified(shiftId, memberId, UUID.randomUUID(), activityTitle, "canteen-order",
                LocalDate.now(), 60, points, 1, "grid-wang", Instant.now());
    }

    public static ShiftEvent shiftEvent(String communityId, UUID eventId, ShiftVerified shift) {
        return new ShiftEvent(eventId, "ShiftVerified", communityId, shift,
                new InboundRecord("activity.shifts", 0, OFFSETS.incrementAndGet(), shift.memberId(), "{}", List.of()));
    }

    public long count(String sql, Object... params) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<String> ids(String sql, Object... params) {
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    /** The resident's stored balance: {posted, pending}, or null when no account was opened. */
    public long[] residentBalance(String communityId, String memberId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select posted, pending from account where community_id = ? and type = 'RESIDENT' and owner_id = ?")) {
            statement.setString(1, communityId);
            statement.setString(2, memberId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? new long[] { rs.getLong(1), rs.getLong(2) } : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }
}
