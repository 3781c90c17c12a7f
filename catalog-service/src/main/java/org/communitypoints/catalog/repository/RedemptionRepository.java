package org.communitypoints.catalog.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.communitypoints.catalog.domain.Redemption;
import org.communitypoints.catalog.domain.RedemptionState;

@ApplicationScoped
public class RedemptionRepository {

    private final EntityManager em;

    public RedemptionRepository(EntityManager em) {
        this.em = em;
    }

    public void persist(Redemption redemption) {
        em.persist(redemption);
    }

    public Optional<Redemption> find(UUID id) {
        return Optional.ofNullable(em.find(Redemption.class, id));
    }

    /** Locks the row until the transaction ends: transitions of one redemption happen one at a time. */
    public Optional<Redemption> lock(UUID id) {
        return Optional.ofNullable(em.find(Redemption.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public Optional<Redemption> lockByVoucher(String code) {
        return em.createQuery("from Redemption where voucherCode = :code", Redemption.class)
                .setParameter("code", code)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
    }

    public List<Redemption> ofMember(String communityId, String memberId) {
        return em.createQuery("""
                from Redemption where communityId = :c and memberId = :m order by createdAt desc""", Redemption.class)
                .setParameter("c", communityId).setParameter("m", memberId)
                .setMaxResults(500).getResultList();
    }

    public List<Redemption> ofCommunity(String communityId, RedemptionState state, int limit) {
        return em.createQuery("""
                from Redemption where communityId = :c and state = :s order by createdAt desc""", Redemption.class)
                .setParameter("c", communityId).setParameter("s", state)
                .setMaxResults(limit).getResultList();
    }

    /** Vouchers a partner took at the counter in [from, to). */
    public List<Redemption> fulfilledBy(String partnerId, Instant from, Instant to) {
        return em.createQuery("""
                from Redemption where partnerId = :p and fulfilledAt >= :from and fulfilledAt < :to
                order by fulfilledAt, id""", Redemption.class)
                .setParameter("p", partnerId).setParameter("from", from).setParameter("to", to)
                .getResultList();
    }

    public List<Redemption> vouchersOfPartner(String communityId, String partnerId, List<RedemptionState> states, int limit) {
        return em.createQuery("""
                from Redemption where communityId = :c and partnerId = :p and state in :s and voucherCode is not null
                order by validUntil desc""", Redemption.class)
                .setParameter("c", communityId).setParameter("p", partnerId).setParameter("s", states)
                .setMaxResults(limit).getResultList();
    }

    /**
     * Open redemptions whose voucher validity has passed, locked; rows another instance is expiring are
     * skipped rather than waited for.
     */
    @SuppressWarnings("unchecked")
    public List<Redemption> lockDueForExpiry(Instant now, int limit) {
        return em.createNativeQuery("""
                select * from redemption where state in ('PENDING', 'CONFIRMED') and valid_until < :now
                order by valid_until limit :limit for update skip locked""", Redemption.class)
                .setParameter("now", now).setParameter("limit", limit).getResultList();
    }

    /** Redemptions changed after the cursor and before {@code settledBefore}, in change order. */
    public List<Redemption> changedAfter(long cursor, Instant settledBefore, int limit) {
        return em.createQuery("""
                from Redemption where changeSeq > :cursor and changedAt < :settled order by changeSeq""", Redemption.class)
                .setParameter("cursor", cursor).setParameter("settled", settledBefore)
                .setMaxResults(limit).getResultList();
    }

    public record HistoryRow(UUID redemptionId, String state, String reasonCode, Instant at) {
    }

    public List<HistoryRow> history(List<UUID> redemptionIds) {
        if (redemptionIds.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select redemption_id, state, reason_code, at from redemption_history
                where redemption_id = any(:ids) order by id""")
                .setParameter("ids", redemptionIds.toArray(UUID[]::new)).getResultList();
        return rows.stream().map(r -> new HistoryRow((UUID) r[0], (String) r[1], (String) r[2], toInstant(r[3]))).toList();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
