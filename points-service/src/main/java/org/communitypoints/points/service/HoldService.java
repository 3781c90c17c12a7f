package org.communitypoints.points.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.contracts.ContractEvent;
import org.communitypoints.contracts.DerivedIds;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.EventType;
import org.communitypoints.contracts.events.HoldCaptureRequested;
import org.communitypoints.contracts.events.HoldReleaseRequested;
import org.communitypoints.contracts.events.HoldRequested;
import org.communitypoints.platform.data.Outbox;
import org.communitypoints.platform.data.ProcessedEvents;
import org.communitypoints.points.domain.Account;
import org.communitypoints.points.domain.AccountKey;
import org.communitypoints.points.domain.Hold;
import org.communitypoints.points.domain.HoldStatus;
import org.communitypoints.points.domain.JournalTransaction;
import org.communitypoints.points.domain.Posting;
import org.communitypoints.points.domain.TransactionKind;
import org.communitypoints.points.messaging.HoldEvents;
import org.communitypoints.points.repository.AccountRepository;
import org.communitypoints.points.repository.HoldRepository;
import org.communitypoints.points.repository.JournalRepository;
import org.jboss.logging.Logger;

/**
 * Two-phase holds for redemptions (TigerBeetle's pending → post / void): placing a hold books pending
 * postings from the resident to the partner, which count as held; capture reverses them and books the
 * real movement (the resident's points plus the subsidy pool's discount to the partner); release and
 * expiry reverse them. Each step is answered once ({@link HoldEvents}): the answer given is recorded with the
 * hold, so a repeated request never produces a second, different answer; it gets the recorded answer again,
 * under the same event id, in case the first copy never reached the saga.
 */
@ApplicationScoped
public class HoldService {

    public static final String CAUSE = "REDEMPTION";
    public static final String EXPIRED = "EXPIRED";
    public static final String HOLD_NOT_ACTIVE = "HOLD_NOT_ACTIVE";
    /** The redemption was released before its hold was asked for: nothing is held. */
    public static final String HOLD_RELEASED = "HOLD_RELEASED";
    /** Where a fully subsidised redemption names no reward: the passbook line still says what it was. */
    static final String SUBSIDISED_REWARD = "社区补贴兑换";
    public static final String INSUFFICIENT_POINTS = "INSUFFICIENT_POINTS";
    /**
     * The subsidy pool cannot pay the discount: catalog-service maps this code to the resident's message, so it
     * stays exactly this.
     */
    public static final String SUBSIDY_POOL_EXHAUSTED = "SUBSIDY_POOL_EXHAUSTED";
    private static final Logger LOG = Logger.getLogger(HoldService.class);

    private final ProcessedEvents processedEvents;
    private final AccountRepository accounts;
    private final JournalRepository journal;
    private final HoldRepository holds;
    private final HoldEvents events;
    private final RegistryConfirmationService checks;

    public HoldService(ProcessedEvents processedEvents, AccountRepository accounts, JournalRepository journal,
            HoldRepository holds, HoldEvents events, RegistryConfirmationService checks) {
        this.processedEvents = processedEvents;
        this.accounts = accounts;
        this.journal = journal;
        this.holds = holds;
        this.events = events;
        this.checks = checks;
    }

    /** A redemption request as it came: the envelope (its event id makes it apply once) and its payload. */
    public record Request(EventEnvelope envelope, ContractEvent payload) {
    }

    /**
     * Applies a partition's share of requests in their order, each exactly once, in one transaction: the requests and
     * their processed-event records commit together or not at all, so a redelivered share skips what was applied.
     */
    @Transactional
    public void handleAll(List<Request> requests) {
        // One statement marks the whole poll processed (one per request was a round trip each, a tenth of a hold's).
        List<Request> fresh = processedEvents.firstDeliveries(requests, Request::envelope);
        // The redemptions that have a hold row already: their requests take the one-by-one path below
        Set<UUID> known = holds.existing(fresh.stream().map(r -> redemptionOf(r.payload())).filter(Objects::nonNull)
                .toList());
        int next = 0;
        while (next < fresh.size()) {
            // A run of hold requests for redemptions seen nowhere before (the usual poll: nothing but those) is placed
            // set-wise; any other request, or a second request about a redemption, ends the run and is applied alone,
            // after the run is written, so the requests still take effect in their order.
            int end = next;
            while (end < fresh.size() && fresh.get(end).payload() instanceof HoldRequested hold
                    && known.add(hold.redemptionId())) {
                end++;
            }
            if (end > next) {
                placeAll(fresh.subList(next, end));
                next = end;
            } else {
                Request request = fresh.get(next++);
                UUID redemptionId = redemptionOf(request.payload());
                if (redemptionId != null) {
                    known.add(redemptionId);
                }
                apply(request.envelope(), request.payload());
            }
        }
    }

    private static UUID redemptionOf(ContractEvent request) {
        if (request instanceof HoldRequested hold) {
            return hold.redemptionId();
        } else if (request instanceof HoldCaptureRequested capture) {
            return capture.redemptionId();
        } else if (request instanceof HoldReleaseRequested release) {
            return release.redemptionId();
        }
        return null;
    }

    /**
     * Places the holds of redemptions that have no hold row yet, in their order, with a fixed number of statements
     * whatever their number: the accounts of all of them opened and locked once (in id order, as every writer locks
     * them), the holds, their journal transactions, their answers and the outbox rows each written by one statement.
     * The balances are carried from one hold to the next here, as the database would see them after each; the
     * database still refuses an overdrawn resident or pool (the posting trigger), which rolls the poll back.
     */
    private void placeAll(List<Request> run) {
        List<AccountKey> keys = new ArrayList<>(run.size() * 2 + 1);
        for (Request request : run) {
            HoldRequested hold = (HoldRequested) request.payload();
            String communityId = request.envelope().communityId();
            keys.add(AccountKey.resident(communityId, hold.memberId()));
            keys.add(AccountKey.redemption(communityId, hold.partnerId()));
            if (hold.subsidyPoints() > 0) {
                keys.add(AccountKey.subsidyPool(communityId));
            }
        }
        Map<AccountKey, Account> opened = accounts.openAndLock(keys);
        Map<AccountKey, Account> balances = new HashMap<>(opened);
        Instant now = Instant.now();
        List<Hold> placed = new ArrayList<>(run.size());
        List<JournalTransaction> booked = new ArrayList<>(run.size());
        List<Outbox.NewEvent> answers = new ArrayList<>(run.size());
        // One answer per request, in the run's order: answered.get(i) is the redemption answers.get(i) answers
        List<UUID> answered = new ArrayList<>(run.size());
        for (Request request : run) {
            HoldRequested hold = (HoldRequested) request.payload();
            String communityId = request.envelope().communityId();
            AccountKey resident = AccountKey.resident(communityId, hold.memberId());
            AccountKey partner = AccountKey.redemption(communityId, hold.partnerId());
            AccountKey pool = AccountKey.subsidyPool(communityId);
            boolean subsidised = hold.subsidyPoints() > 0;
            long available = balances.get(resident).available();
            long poolAvailable = subsidised ? balances.get(pool).available() : 0;
            RegistryConfirmationService.Claims claims = claimsOf(communityId, hold);
            String unconfirmed = checks.refusal(claims);
            String refusal = unconfirmed != null ? unconfirmed
                    : available < hold.points() ? INSUFFICIENT_POINTS
                            : poolAvailable < hold.subsidyPoints() ? SUBSIDY_POOL_EXHAUSTED : null;
            placed.add(new Hold(hold.redemptionId(), communityId, hold.memberId(), hold.partnerId(), hold.rewardTitle(),
                    hold.points(), hold.subsidyPoints(), hold.expiresAt(),
                    refusal == null ? HoldStatus.PLACED : HoldStatus.REJECTED, refusal, refusal == null ? null : now,
                    refusal == null && subsidised));
            answered.add(hold.redemptionId());
            if (refusal != null) {
                answers.add(HoldEvents.holdRejectedAnswer(communityId, hold, refusal,
                        refusalDetail(refusal, claims, hold.points(), available, poolAvailable), available));
                continue;
            }
            List<Posting> legs = pendingLegs(hold, resident, partner, pool);
            if (!legs.isEmpty()) {
                booked.add(holdTransaction(communityId, hold, legs));
                for (Posting leg : legs) {
                    Account before = balances.get(leg.account());
                    balances.put(leg.account(),
                            new Account(before.id(), before.key(), before.posted(), before.pending() + leg.amount()));
                }
            }
            answers.add(HoldEvents.heldAnswer(communityId, hold, available - hold.points()));
        }
        // handleAll found no hold row for these redemptions; one written meanwhile by another consumer (a rebalance)
        // fails the poll, and InboundRecords' split applies that request alone on the one-by-one path
        if (holds.insertAll(placed) != placed.size()) {
            throw new IllegalStateException("a hold of this poll was placed meanwhile by another transaction");
        }
        if (journal.append(booked, opened, now).size() != booked.size()) {
            throw new IllegalStateException("a hold of this poll was booked before");
        }
        List<EventEnvelope> envelopes = events.publishAll(answers);
        List<HoldRepository.NewAnswer> given = new ArrayList<>(envelopes.size());
        for (int i = 0; i < envelopes.size(); i++) {
            EventEnvelope envelope = envelopes.get(i);
            given.add(new HoldRepository.NewAnswer(envelope.eventId(), answered.get(i), envelope.type(),
                    EventCodec.encode(envelope)));
        }
        if (holds.recordAnswers(given) != given.size()) {
            throw new IllegalStateException("an answer of this poll was given before");
        }
    }

    /** Applies one redemption request exactly once. */
    @Transactional
    public void handle(EventEnvelope envelope, ContractEvent request) {
        if (processedEvents.firstDelivery(envelope)) {
            apply(envelope, request);
        }
    }

    /** Applies a request seen for the first time (its processed mark is written in the caller's transaction). */
    private void apply(EventEnvelope envelope, ContractEvent request) {
        String communityId = envelope.communityId();
        if (request instanceof HoldRequested hold) {
            place(envelope, hold);
        } else if (request instanceof HoldCaptureRequested capture) {
            capture(envelope, capture);
        } else if (request instanceof HoldReleaseRequested release) {
            release(communityId, release);
        }
    }

    private void place(EventEnvelope envelope, HoldRequested request) {
        String communityId = envelope.communityId();
        AccountKey resident = AccountKey.resident(communityId, request.memberId());
        AccountKey partner = AccountKey.redemption(communityId, request.partnerId());
        AccountKey pool = AccountKey.subsidyPool(communityId);
        boolean subsidised = request.subsidyPoints() > 0;
        Map<AccountKey, Account> opened = accounts
                .openAndLock(subsidised ? List.of(resident, partner, pool) : List.of(resident, partner));
        long available = opened.get(resident).available();
        long poolAvailable = subsidised ? opened.get(pool).available() : 0;
        RegistryConfirmationService.Claims claims = claimsOf(communityId, request);
        // The receipt is checked on every request (it reads nothing); the registry copy is not asked again about a
        // repeated request: that finds its hold below and is answered as before, whatever the copy says now
        String unconfirmed = claims.toConfirm() && holds.find(request.redemptionId()).isPresent()
                ? checks.receiptRefusal(claims)
                : checks.refusal(claims);
        String refusal = unconfirmed != null ? unconfirmed
                : available < request.points() ? INSUFFICIENT_POINTS
                        : poolAvailable < request.subsidyPoints() ? SUBSIDY_POOL_EXHAUSTED : null;
        Instant now = Instant.now();
        boolean first = holds.insert(new Hold(request.redemptionId(), communityId, request.memberId(),
                request.partnerId(), request.rewardTitle(), request.points(), request.subsidyPoints(),
                request.expiresAt(), refusal == null ? HoldStatus.PLACED : HoldStatus.REJECTED, refusal,
                refusal == null ? null : now, refusal == null && subsidised));
        if (!first) {
            Hold earlier = holds.find(request.redemptionId()).orElseThrow();
            if (earlier.isTombstone()) {
                // released before it was asked for: freeze nothing, and say so
                answer(request.redemptionId(), EventType.POINTS_HOLD_REJECTED,
                        () -> events.holdRejected(communityId, request, HOLD_RELEASED,
                                "这次兑换已经取消（" + earlier.reason() + "），没有冻结积分。", available));
            } else if (earlier.status() == HoldStatus.REJECTED) {
                answerAgain(request.redemptionId(), EventType.POINTS_HOLD_REJECTED,
                        () -> events.holdRejected(communityId, request, earlier.reason(),
                                refusalDetail(earlier.reason(), claims, request.points(), available, poolAvailable),
                                available));
            } else {
                answerAgain(request.redemptionId(), EventType.POINTS_HELD,
                        () -> events.held(communityId, request, available));
            }
            return;
        }
        if (refusal != null) {
            answer(request.redemptionId(), EventType.POINTS_HOLD_REJECTED,
                    () -> events.holdRejected(communityId, request, refusal,
                            refusalDetail(refusal, claims, request.points(), available, poolAvailable), available));
            return;
        }
        List<Posting> legs = pendingLegs(request, resident, partner, pool);
        if (!legs.isEmpty()) {
            journal.append(List.of(holdTransaction(communityId, request, legs)), opened, now);
        }
        answer(request.redemptionId(), EventType.POINTS_HELD,
                () -> events.held(communityId, request, available - request.points()));
    }

    /**
     * Pending legs: the resident's points and the pool's subsidy set aside for the partner. A fully subsidised
     * redemption holds 0 of the resident's points but still reserves the subsidy (a posting is never 0).
     */
    private static List<Posting> pendingLegs(HoldRequested request, AccountKey resident, AccountKey partner,
            AccountKey pool) {
        List<Posting> legs = new ArrayList<>();
        if (request.points() > 0) {
            legs.add(Posting.pending(resident, -request.points()));
        }
        if (request.subsidyPoints() > 0) {
            legs.add(Posting.pending(pool, -request.subsidyPoints()));
        }
        if (!legs.isEmpty()) {
            legs.add(Posting.pending(partner, request.points() + request.subsidyPoints()));
        }
        return legs;
    }

    private static JournalTransaction holdTransaction(String communityId, HoldRequested request, List<Posting> legs) {
        return new JournalTransaction(holdStep(request.redemptionId(), TransactionKind.HOLD), communityId,
                TransactionKind.HOLD, CAUSE, request.redemptionId().toString(), "冻结积分：" + request.rewardTitle(),
                request.memberId(), null, legs, null, proxyOf(request));
    }

    /** The proxy catalog-service names; an older producer names none, and a resident acting themself is nobody's proxy. */
    private static String proxyOf(HoldRequested request) {
        return proxyOf(request.actedBy(), request.memberId());
    }

    private static String proxyOf(String actedBy, String memberId) {
        String proxy = actedBy == null ? "" : actedBy.strip();
        return proxy.isEmpty() || proxy.equals(memberId) ? null : proxy;
    }

    /**
     * What the hold request says the registry holds (the proxy's grant and the discount's category), with the gateway's
     * receipt of the request.
     */
    private static RegistryConfirmationService.Claims claimsOf(String communityId, HoldRequested request) {
        return new RegistryConfirmationService.Claims(request.redemptionId(), communityId, request.memberId(),
                proxyOf(request), request.subsidyPoints(), request.subsidyCategory(), request.receipt());
    }

    /** The same claims, as a capture without a hold carries them. */
    private static RegistryConfirmationService.Claims claimsOf(String communityId, HoldCaptureRequested request) {
        return new RegistryConfirmationService.Claims(request.redemptionId(), communityId, request.memberId(),
                proxyOf(request.actedBy(), request.memberId()), request.subsidyPoints(), request.subsidyCategory(),
                request.receipt());
    }

    /** What the resident (through catalog-service) is told when a hold is refused, in Chinese. */
    private static String refusalDetail(String code, RegistryConfirmationService.Claims claims, long points, long available,
            long poolAvailable) {
        if (SUBSIDY_POOL_EXHAUSTED.equals(code)) {
            return poolExhausted(claims.subsidyPoints(), poolAvailable);
        }
        if (RegistryConfirmationService.isConfirmationRefusal(code)) {
            return RegistryConfirmationService.detail(code, claims);
        }
        return "积分不足：需要 " + points + " 积分，可用 " + available + " 积分。";
    }

    private static String poolExhausted(long subsidy, long poolAvailable) {
        return "社区补贴池的积分暂时不够：这次兑换需要补贴 " + subsidy + " 积分，补贴池现在可用 " + Math.max(0, poolAvailable)
                + " 积分。您的积分没有被扣除，请过几天再试，或联系社区工作人员。";
    }

    private void capture(EventEnvelope envelope, HoldCaptureRequested request) {
        String communityId = envelope.communityId();
        Hold hold = holds.lock(request.redemptionId()).orElse(null);
        AccountKey pool = AccountKey.subsidyPool(communityId);
        if (hold == null && isFullySubsidised(request)) {
            // no hold checked the request's receipt and the registry: the capture is the first this service sees of it
            RegistryConfirmationService.Claims claims = claimsOf(communityId, request);
            String unconfirmed = checks.refusal(claims);
            if (unconfirmed != null) {
                refuseFreeCapture(communityId, request, unconfirmed, RegistryConfirmationService.detail(unconfirmed, claims));
                return;
            }
            long poolAvailable = accounts.openAndLock(List.of(pool)).get(pool).available();
            if (poolAvailable < request.subsidyPoints()) {
                refuseFreeCapture(communityId, request, SUBSIDY_POOL_EXHAUSTED,
                        poolExhausted(request.subsidyPoints(), poolAvailable));
                return;
            }
            hold = placeFree(communityId, request);
        }
        if (hold == null) {
            answer(request.redemptionId(), EventType.POINTS_CAPTURE_REJECTED,
                    () -> events.captureRejected(communityId, request.redemptionId(), request.memberId(),
                            HOLD_NOT_ACTIVE, "No points were held for this redemption."));
            return;
        }
        if (hold.status() == HoldStatus.CAPTURED) {
            Hold captured = hold;
            answerAgain(hold.redemptionId(), EventType.POINTS_CAPTURED, () -> events.captured(captured));
            return;
        }
        Instant now = Instant.now();
        if (hold.status() == HoldStatus.PLACED && !hold.expiresAt().isAfter(now)) {
            end(hold, HoldStatus.EXPIRED, EXPIRED, now);
            hold = holds.find(hold.redemptionId()).orElseThrow();
        }
        if (hold.status() != HoldStatus.PLACED) {
            Hold inactive = hold;
            answer(hold.redemptionId(), EventType.POINTS_CAPTURE_REJECTED,
                    () -> events.captureRejected(inactive.communityId(), inactive.redemptionId(), inactive.memberId(),
                            HOLD_NOT_ACTIVE, inactive.status() == HoldStatus.REJECTED
                                    ? "The hold was refused (" + inactive.reason() + "), so there is nothing to capture."
                                    : "The hold was released on " + inactive.closedAt() + " (" + inactive.reason()
                                            + ")."));
            return;
        }
        AccountKey resident = AccountKey.resident(hold.communityId(), hold.memberId());
        AccountKey partner = AccountKey.redemption(hold.communityId(), hold.partnerId());
        long reserved = hold.reservedSubsidy();
        List<Posting> postings = new ArrayList<>(voidingLegs(hold));
        // the real movement: the resident's points and the pool's subsidy to the partner (no leg of 0)
        if (hold.points() > 0) {
            postings.add(Posting.posted(resident, -hold.points()));
        }
        if (hold.subsidyPoints() > 0) {
            postings.add(Posting.posted(pool, -hold.subsidyPoints()));
        }
        if (hold.points() + hold.subsidyPoints() > 0) {
            postings.add(Posting.posted(partner, hold.points() + hold.subsidyPoints()));
        }
        if (!postings.isEmpty()) {
            Map<AccountKey, Account> opened = accounts.openAndLock(postings.stream().map(Posting::account).distinct()
                    .toList());
            long unreserved = hold.subsidyPoints() - reserved; // a hold placed before holds reserved the pool
            if (unreserved > 0 && opened.get(pool).available() < unreserved) {
                long poolAvailable = opened.get(pool).available();
                Hold unpaid = hold;
                answer(hold.redemptionId(), EventType.POINTS_CAPTURE_REJECTED,
                        () -> events.captureRejected(unpaid.communityId(), unpaid.redemptionId(), unpaid.memberId(),
                                SUBSIDY_POOL_EXHAUSTED, poolExhausted(unpaid.subsidyPoints(), poolAvailable)));
                return;
            }
            journal.append(List.of(new JournalTransaction(holdStep(hold.redemptionId(), TransactionKind.CAPTURE),
                    hold.communityId(), TransactionKind.CAPTURE, CAUSE, hold.redemptionId().toString(),
                    "积分兑换：" + hold.rewardTitle() + (hold.subsidyPoints() > 0
                            ? "（社区补贴 " + hold.subsidyPoints() + " 积分）"
                            : ""),
                    request.fulfilledBy() == null ? hold.partnerId() : request.fulfilledBy(), null, postings)),
                    opened, now);
        }
        holds.close(hold.redemptionId(), HoldStatus.CAPTURED, null, now);
        Hold captured = hold;
        answer(hold.redemptionId(), EventType.POINTS_CAPTURED, () -> events.captured(captured));
    }

    /**
     * A capture of a redemption the resident pays nothing for: catalog-service confirms those without a
     * hold, so the capture comes alone, carrying the subsidy. An older capture carries no price (0 and 0):
     * with no hold it is refused as before.
     */
    private static boolean isFullySubsidised(HoldCaptureRequested request) {
        return request.points() == 0 && request.subsidyPoints() > 0 && request.partnerId() != null
                && !request.partnerId().isBlank();
    }

    /** The hold of 0 points that a fully subsidised capture books against: repeats of the capture find it. */
    private Hold placeFree(String communityId, HoldCaptureRequested request) {
        Instant now = Instant.now();
        holds.insert(new Hold(request.redemptionId(), communityId, request.memberId(), request.partnerId(),
                request.rewardTitle() == null || request.rewardTitle().isBlank() ? SUBSIDISED_REWARD
                        : request.rewardTitle(),
                0, request.subsidyPoints(),
                // captured in this transaction: the expiry never comes into play
                now.plusSeconds(3600), HoldStatus.PLACED, null, null, false));
        return holds.lock(request.redemptionId()).orElseThrow();
    }

    /**
     * A fully subsidised capture the pool cannot pay, or the registry does not confirm: recorded as a refused hold of 0
     * (so a repeat finds it and is answered the same) and answered with the code.
     */
    private void refuseFreeCapture(String communityId, HoldCaptureRequested request, String code, String detail) {
        Instant now = Instant.now();
        holds.insert(new Hold(request.redemptionId(), communityId, request.memberId(), request.partnerId(),
                request.rewardTitle() == null || request.rewardTitle().isBlank() ? SUBSIDISED_REWARD
                        : request.rewardTitle(),
                0, request.subsidyPoints(), now, HoldStatus.REJECTED, code, now, false));
        answer(request.redemptionId(), EventType.POINTS_CAPTURE_REJECTED,
                () -> events.captureRejected(communityId, request.redemptionId(), request.memberId(), code, detail));
    }

    private void release(String communityId, HoldReleaseRequested request) {
        Hold hold = holds.lock(request.redemptionId()).orElse(null);
        String reason = request.reason() == null ? "RELEASED" : request.reason();
        if (hold == null) {
            Hold tombstone = Hold.tombstone(request.redemptionId(), communityId, request.memberId(), reason,
                    Instant.now());
            if (holds.insert(tombstone)) {
                LOG.infof("Release of redemption %s came before its hold: a later hold request will be refused",
                        request.redemptionId());
                answer(request.redemptionId(), EventType.POINTS_RELEASED, () -> events.released(tombstone, reason));
                return;
            }
            hold = holds.lock(request.redemptionId()).orElseThrow(); // placed meanwhile: release it as usual
        }
        if (hold.status() != HoldStatus.PLACED) {
            answerWhereItEnded(hold);
            return;
        }
        end(hold, HoldStatus.RELEASED, reason, Instant.now());
    }

    /** Releases holds past their expiry. @return how many */
    @Transactional
    public int expire(Instant now, int limit) {
        List<Hold> expired = holds.lockExpired(now, limit);
        for (Hold hold : expired) {
            end(hold, HoldStatus.EXPIRED, EXPIRED, now);
        }
        return expired.size();
    }

    /** Voids the hold's pending postings and tells catalog-service the points are free again. */
    private void end(Hold hold, HoldStatus status, String reason, Instant now) {
        List<Posting> legs = voidingLegs(hold);
        if (!legs.isEmpty()) { // a hold of 0 that reserved no subsidy froze nothing: there is nothing to void
            Map<AccountKey, Account> opened = accounts.openAndLock(legs.stream().map(Posting::account).distinct()
                    .toList());
            Set<UUID> booked = journal.append(List.of(new JournalTransaction(
                    holdStep(hold.redemptionId(), TransactionKind.RELEASE), hold.communityId(), TransactionKind.RELEASE,
                    CAUSE, hold.redemptionId().toString(), "解冻积分：" + hold.rewardTitle(),
                    status == HoldStatus.EXPIRED ? "system" : hold.memberId(), reason, legs)), opened, now);
            if (booked.isEmpty()) {
                throw new IllegalStateException("hold " + hold.redemptionId() + " was released twice");
            }
        }
        holds.close(hold.redemptionId(), status, reason, now);
        answer(hold.redemptionId(), EventType.POINTS_RELEASED, () -> events.released(hold, reason));
    }

    /** The pending legs that undo what placing the hold set aside: the resident's points and the reserved subsidy. */
    private static List<Posting> voidingLegs(Hold hold) {
        AccountKey resident = AccountKey.resident(hold.communityId(), hold.memberId());
        AccountKey partner = AccountKey.redemption(hold.communityId(), hold.partnerId());
        AccountKey pool = AccountKey.subsidyPool(hold.communityId());
        long reserved = hold.reservedSubsidy();
        List<Posting> legs = new ArrayList<>();
        if (hold.points() > 0) {
            legs.add(Posting.pending(resident, hold.points()));
        }
        if (reserved > 0) {
            legs.add(Posting.pending(pool, reserved));
        }
        if (!legs.isEmpty()) {
            legs.add(Posting.pending(partner, -(hold.points() + reserved)));
        }
        return legs;
    }

    /** The id of one step (hold, capture, release) of a redemption's hold: each step is booked at most once. */
    static UUID holdStep(UUID redemptionId, TransactionKind step) {
        return DerivedIds.of("hold", redemptionId.toString(), step.name());
    }

    /**
     * A release asked for a hold that has ended: the answer that told catalog-service where it ended is given
     * again (released or expired, refused, captured), so a saga waiting on a lost answer finishes.
     */
    private void answerWhereItEnded(Hold hold) {
        switch (hold.status()) {
            case RELEASED, EXPIRED -> answerAgain(hold.redemptionId(), EventType.POINTS_RELEASED,
                    () -> events.released(hold, hold.reason()));
            case CAPTURED -> answerAgain(hold.redemptionId(), EventType.POINTS_CAPTURED, () -> events.captured(hold));
            case REJECTED -> answerAgain(hold.redemptionId(), EventType.POINTS_HOLD_REJECTED,
                    () -> events.holdRejected(hold.communityId(), asRequest(hold), hold.reason(),
                            "这次兑换没有冻结积分（" + hold.reason() + "）。", 0));
            case PLACED -> throw new IllegalStateException("hold " + hold.redemptionId() + " has not ended");
        }
    }

    private static HoldRequested asRequest(Hold hold) {
        return new HoldRequested(hold.redemptionId(), hold.memberId(), hold.partnerId(), hold.rewardTitle(),
                hold.points(), hold.subsidyPoints(), hold.expiresAt());
    }

    /**
     * Gives the answer; if it was given before, gives the same answer again (see {@link #answerAgain}). The
     * hold keeps a record of every answer sent, with the envelope as published.
     */
    private void answer(UUID redemptionId, EventType answer, Supplier<EventEnvelope> publish) {
        UUID id = HoldEvents.answerId(redemptionId, answer);
        if (holds.recordAnswer(id, redemptionId, answer.typeName())) {
            holds.keepAnswer(id, EventCodec.encode(publish.get()));
        } else {
            answerAgain(redemptionId, answer, publish);
        }
    }

    /**
     * Publishes again an answer given before (catalog-service asks again when the first answer never reached its
     * saga): the recorded envelope, same event id, so a copy that did arrive is dropped by catalog-service's
     * idempotent consumer. Nothing is booked. An answer recorded before envelopes were kept is rebuilt by
     * {@code rebuild} under the same id. An answer never given is not invented here.
     */
    private void answerAgain(UUID redemptionId, EventType answer, Supplier<EventEnvelope> rebuild) {
        UUID id = HoldEvents.answerId(redemptionId, answer);
        Optional<HoldRepository.GivenAnswer> given = holds.givenAnswer(id);
        if (given.isEmpty()) {
            LOG.debugf("Redemption %s was never answered %s: nothing to send again", redemptionId, answer.typeName());
            return;
        }
        if (holds.awaitingRelay(id)) {
            return; // the first copy has not left the outbox yet: it is on its way
        }
        if (given.get().envelope() == null) {
            holds.keepAnswer(id, EventCodec.encode(rebuild.get()));
        } else {
            events.resend(given.get().envelope());
        }
        LOG.infof("Redemption %s: answer %s sent again (event %s)", redemptionId, answer.typeName(), id);
    }
}
