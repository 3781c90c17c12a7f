package org.communitypoints.points.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.contracts.DerivedIds;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.points.config.PointsConfig;
import org.communitypoints.points.domain.Account;
import org.communitypoints.points.domain.AccountKey;
import org.communitypoints.points.domain.ExpiryPolicy;
import org.communitypoints.points.domain.JournalTransaction;
import org.communitypoints.points.domain.Posting;
import org.communitypoints.points.domain.TransactionKind;
import org.communitypoints.points.messaging.ExpiryEvents;
import org.communitypoints.points.repository.AccountRepository;
import org.communitypoints.points.repository.ExpiryRepository;
import org.communitypoints.points.repository.ExpiryRepository.Lapsing;
import org.communitypoints.points.repository.JournalRepository;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Points expiry by lot (README "Points expiry"). A resident's lots are their credits, consumed first in, first out by
 * their debits; on a run day, what is left of credits earned before (run day − the community's period), less what
 * holds reserve (the oldest points first), lapses to the community's expiry account. Nothing is stored per credit:
 * {@link ExpiryRepository#lapsing} computes it from the journal.
 */
@ApplicationScoped
public class ExpiryService {

    /** Cause type of an expiry: the cause id is "run day/cutoff instant/member id". */
    public static final String CAUSE = "EXPIRY";
    public static final String DONATION_CAUSE = "EXPIRY_DONATION";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy年MM月");

    private final ExpiryRepository expiry;
    private final AccountRepository accounts;
    private final JournalRepository journal;
    private final ExpiryEvents events;
    private final IdempotentRequests idempotentRequests;
    private final PointsConfig config;

    public ExpiryService(ExpiryRepository expiry, AccountRepository accounts, JournalRepository journal,
            ExpiryEvents events, IdempotentRequests idempotentRequests, PointsConfig config) {
        this.expiry = expiry;
        this.accounts = accounts;
        this.journal = journal;
        this.events = events;
        this.idempotentRequests = idempotentRequests;
        this.config = config;
    }

    /** What one community's run did: residents whose points lapsed, the points, residents warned. */
    public record RunResult(String communityId, int residents, long points, int warned) {
    }

    /** A resident on the staff list: what lapses in the month if nothing changes. */
    public record ExpiringResident(String memberId, String displayName, boolean elderly, long points,
            LocalDate earnedFrom, LocalDate earnedUntil) {
    }

    /** The points a resident may still give to the pool instead of losing them, and by when they lapse. */
    public record Expiring(String memberId, long points, YearMonth by) {
    }

    public record DonationRequest(long points) {
    }

    /** A donation booked: the transaction, and what is still about to lapse after it. */
    public record Donation(java.util.UUID transactionId, long points, long stillExpiring) {
    }

    /** Runs the day for every community whose rule is on: warnings first, then what lapses today. */
    public List<RunResult> runDay(LocalDate runDay) {
        List<RunResult> results = new ArrayList<>();
        for (ExpiryPolicy policy : expiry.enabledPolicies()) {
            int warned = warn(policy, runDay);
            RunResult expired = expire(policy.communityId(), runDay);
            results.add(new RunResult(policy.communityId(), expired.residents(), expired.points(), warned));
        }
        return results;
    }

    /**
     * Books the run day's expiry of one community: per resident, one EXPIRY transaction whose id is derived from the
     * community, the resident and the day, so a rerun, or a second instance at the same time, books it once. Each
     * resident in a transaction of their own, under the account's row lock, with the amount computed again under it.
     * Lands on the moment it is booked (the run day): a sealed month is never written into.
     */
    public RunResult expire(String communityId, LocalDate runDay) {
        Optional<ExpiryPolicy> policy = expiry.policy(communityId).filter(p -> p.expiresOn(runDay));
        if (policy.isEmpty()) {
            return new RunResult(communityId, 0, 0, 0);
        }
        Instant cutoff = cutoff(runDay, policy.get().expiresAfterMonths());
        int residents = 0;
        long points = 0;
        for (Lapsing candidate : expiry.lapsing(communityId, cutoff, null)) {
            long booked = QuarkusTransaction.requiringNew()
                    .call(() -> expireAccount(communityId, candidate.memberId(), runDay, cutoff));
            if (booked > 0) {
                residents++;
                points += booked;
            }
        }
        return new RunResult(communityId, residents, points, 0);
    }

    private long expireAccount(String communityId, String memberId, LocalDate runDay, Instant cutoff) {
        AccountKey resident = AccountKey.resident(communityId, memberId);
        AccountKey lapsed = AccountKey.expiry(communityId);
        Map<AccountKey, Account> locked = accounts.openAndLock(List.of(resident, lapsed));
        List<Lapsing> now = expiry.lapsing(communityId, cutoff, List.of(locked.get(resident).id()));
        if (now.isEmpty()) {
            return 0;
        }
        Lapsing lapsing = now.get(0);
        String causeId = runDay + "/" + cutoff + "/" + memberId;
        JournalTransaction transaction = new JournalTransaction(expiryId(communityId, memberId, runDay), communityId,
                TransactionKind.EXPIRY, CAUSE, causeId, "积分过期：" + earned(lapsing), "system",
                "unspent points earned before " + cutoff + " lapse on " + runDay,
                List.of(Posting.posted(resident, -lapsing.points()), Posting.posted(lapsed, lapsing.points())));
        return journal.append(List.of(transaction), locked, Instant.now()).isEmpty() ? 0 : lapsing.points();
    }

    /** The one expiry transaction a resident can have per run day. */
    public static java.util.UUID expiryId(String communityId, String memberId, LocalDate runDay) {
        return DerivedIds.of("expiry", communityId, memberId, runDay.toString());
    }

    /**
     * Warns every resident who loses points in a month whose warning window is open on the run day and who was not
     * warned for that month yet: a PointsExpiring event through the outbox, once per resident per month.
     */
    public int warn(ExpiryPolicy policy, LocalDate runDay) {
        int warned = 0;
        YearMonth last = YearMonth.from(runDay.plusDays(policy.warnDaysAhead()));
        for (YearMonth month = YearMonth.from(runDay); !month.isAfter(last); month = month.plusMonths(1)) {
            for (ExpiringResident r : lapsingIn(policy, month, runDay, false)) {
                YearMonth m = month;
                boolean first = QuarkusTransaction.requiringNew().call(() -> {
                    if (!expiry.warn(policy.communityId(), r.memberId(), m.atDay(1), r.points())) {
                        return false;
                    }
                    events.expiring(policy.communityId(), r.memberId(), r.points(), m.atDay(1), r.earnedFrom(),
                            r.earnedUntil());
                    return true;
                });
                if (first) {
                    warned++;
                }
            }
        }
        return warned;
    }

    /** The staff list: who loses how much in the month if nothing changes, most first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ExpiringResident> expiringIn(String communityId, YearMonth month) {
        return expiry.policy(communityId).filter(ExpiryPolicy::enabled)
                .map(p -> lapsingIn(p, month, today(), true)).orElse(List.of());
    }

    /**
     * What lapses during the month: what will have lapsed by its last run day, less what lapses on earlier run days
     * that are still to come (those are the month before's). Points overdue today lapse at the next run, in this
     * month when this month has begun.
     */
    private List<ExpiringResident> lapsingIn(ExpiryPolicy policy, YearMonth month, LocalDate today, boolean names) {
        LocalDate lastDay = month.atEndOfMonth();
        if (lastDay.isBefore(policy.expiresFrom()) || lastDay.isBefore(today)) {
            return List.of();
        }
        String community = policy.communityId();
        List<Lapsing> byEnd = expiry.lapsing(community, cutoff(lastDay, policy.expiresAfterMonths()), null);
        Map<Long, Long> before = new HashMap<>();
        LocalDate dayBefore = month.atDay(1).minusDays(1);
        if (!dayBefore.isBefore(today) && !dayBefore.isBefore(policy.expiresFrom())) {
            for (Lapsing l : expiry.lapsing(community, cutoff(dayBefore, policy.expiresAfterMonths()), null)) {
                before.put(l.accountId(), l.points());
            }
        }
        Map<String, ExpiryRepository.Resident> registry = names
                ? expiry.residents(community, byEnd.stream().map(Lapsing::memberId).toList())
                : Map.of();
        ZoneId zone = config.zone();
        List<ExpiringResident> list = new ArrayList<>();
        for (Lapsing l : byEnd) {
            long points = l.points() - before.getOrDefault(l.accountId(), 0L);
            if (points > 0) {
                ExpiryRepository.Resident r = registry.get(l.memberId());
                list.add(new ExpiringResident(l.memberId(), r == null ? null : r.displayName(), r != null && r.elderly(),
                        points, l.firstEarned().atZone(zone).toLocalDate(), l.lastEarned().atZone(zone).toLocalDate()));
            }
        }
        list.sort(Comparator.comparingLong(ExpiringResident::points).reversed()
                .thenComparing(ExpiringResident::memberId));
        return list;
    }

    /** What the resident loses by the end of next month if nothing changes: the most they may donate now. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Expiring expiring(String communityId, String memberId) {
        return expiring(communityId, memberId, null);
    }

    private Expiring expiring(String communityId, String memberId, Long accountId) {
        YearMonth by = YearMonth.from(today()).plusMonths(1);
        Optional<ExpiryPolicy> policy = expiry.policy(communityId).filter(ExpiryPolicy::enabled)
                .filter(p -> !by.atEndOfMonth().isBefore(p.expiresFrom()));
        if (policy.isEmpty()) {
            return new Expiring(memberId, 0, by);
        }
        Long id = accountId;
        if (id == null) {
            Optional<Account> account = accounts.find(AccountKey.resident(communityId, memberId));
            if (account.isEmpty()) {
                return new Expiring(memberId, 0, by);
            }
            id = account.get().id();
        }
        long points = expiry.lapsing(communityId, cutoff(by.atEndOfMonth(), policy.get().expiresAfterMonths()),
                List.of(id)).stream().mapToLong(Lapsing::points).sum();
        return new Expiring(memberId, points, by);
    }

    /**
     * Gives points about to lapse to the community's subsidy pool: an ordinary transfer, resident → pool, at most what
     * lapses by the end of next month (computed under the resident's row lock). A retry under the same
     * Idempotency-Key gets the first answer and books nothing more.
     *
     * @param actedBy the proxy who acted for the resident; null when the resident did
     * @throws ProblemException 409 DONATION_EXCEEDS_EXPIRING when more is asked than is about to lapse
     */
    @Transactional
    public IdempotentRequests.Outcome<Donation> donate(String communityId, String memberId, String actedBy,
            DonationRequest request, String idempotencyKey) {
        return idempotentRequests.onceRequired("expiry-donation", memberId, idempotencyKey, request, Donation.class,
                () -> {
                    AccountKey resident = AccountKey.resident(communityId, memberId);
                    AccountKey pool = AccountKey.subsidyPool(communityId);
                    Map<AccountKey, Account> locked = accounts.openAndLock(List.of(resident, pool));
                    Expiring expiring = expiring(communityId, memberId, locked.get(resident).id());
                    if (request.points() > expiring.points()) {
                        throw ProblemException.conflict("DONATION_EXCEEDS_EXPIRING", "Only " + expiring.points()
                                + " of your points lapse by the end of " + expiring.by() + "; you can donate at most those.")
                                .withArgs(expiring.points(), expiring.by().toString());
                    }
                    java.util.UUID id = java.util.UUID.randomUUID();
                    journal.append(List.of(new JournalTransaction(id, communityId, TransactionKind.EXPIRY_DONATION,
                            DONATION_CAUSE, id.toString(), "捐赠即将过期积分：社区补贴池", memberId, null,
                            List.of(Posting.posted(resident, -request.points()), Posting.posted(pool, request.points())),
                            null, actedBy)), locked, Instant.now());
                    return new Donation(id, request.points(), expiring.points() - request.points());
                });
    }

    /** Credits earned before this instant lapse on the run day: the start of the day the period before it. */
    Instant cutoff(LocalDate runDay, int months) {
        return runDay.minusMonths(months).atStartOfDay(config.zone()).toInstant();
    }

    private LocalDate today() {
        return LocalDate.now(config.zone());
    }

    /** The earning months the passbook names: "2024年10月获得", or "2024年10月至2024年12月获得". */
    private String earned(Lapsing lapsing) {
        YearMonth first = YearMonth.from(lapsing.firstEarned().atZone(config.zone()));
        YearMonth last = YearMonth.from(lapsing.lastEarned().atZone(config.zone()));
        return first.equals(last) ? MONTH.format(first) + "获得"
                : MONTH.format(first) + "至" + MONTH.format(last) + "获得";
    }
}
