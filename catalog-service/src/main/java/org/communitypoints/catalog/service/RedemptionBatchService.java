package org.communitypoints.catalog.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.catalog.domain.Redemption;
import org.communitypoints.catalog.messaging.RedemptionEvents;
import org.communitypoints.catalog.repository.IdempotencyRecordRepository;
import org.communitypoints.catalog.repository.IdempotencyRecordRepository.Answer;
import org.communitypoints.catalog.repository.IdempotencyRecordRepository.Claim;
import org.communitypoints.catalog.repository.IdempotencyRecordRepository.Key;
import org.communitypoints.catalog.repository.RedemptionRepository;
import org.communitypoints.catalog.repository.RewardRepository;
import org.communitypoints.catalog.repository.RewardRepository.Redeemable;
import org.communitypoints.catalog.service.RedemptionRulesService.Planned;
import org.communitypoints.catalog.service.RedemptionService.ForMember;
import org.communitypoints.catalog.service.RedemptionService.NewRedemption;
import org.communitypoints.catalog.service.RedemptionService.RedemptionDetails;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.web.ProblemException;

/**
 * Many residents' redemption requests made in one transaction, each with the answer or refusal it gets when made alone
 * ({@link RedemptionService#request}): the same rules ({@link RedemptionRulesService}), the same rows, the same hold request,
 * the same Idempotency-Key record. Each statement that writes does so for the whole batch (the keys, the redemptions,
 * the outbox rows, the answers), except the reservations: one guarded UPDATE each, as alone.
 *
 * <p>
 * A request the batch cannot answer as the single path would is handed back to be made alone after the batch
 * ({@link Alone}): one whose key was claimed before (a retry, answered with the first answer or refused), a second
 * request under the same key in the batch, and one whose key is missing or malformed. A failure of the batch as a
 * whole (an id another redemption has, the database away) rolls it all back; the caller then makes every request
 * alone.
 */
@ApplicationScoped
public class RedemptionBatchService {

    /** One caller's request, as {@link RedemptionService#request} takes it. */
    public record Call(String communityId, String memberId, String actedBy, NewRedemption request,
            String idempotencyKey, UUID chosenId, String receipt) {

        /** The key's owner: the caller, the proxy when one acts (as {@link RedemptionService#request} has it). */
        Key key() {
            return new Key(actedBy == null ? memberId : actedBy, idempotencyKey);
        }
    }

    /** What became of one call. */
    public sealed interface Result permits Made, Refused, Alone {
    }

    /** Made and committed, as a first request. */
    public record Made(RedemptionDetails details) implements Result {
    }

    /** Refused by a rule; nothing of it was kept, its key included. */
    public record Refused(ProblemException problem) implements Result {
    }

    /** To be made alone, after the batch. */
    public record Alone() implements Result {
    }

    /** The batch could not be written as a whole; nothing of it was kept. */
    static final class BatchAbandoned extends RuntimeException {

        BatchAbandoned(String message) {
            super(message);
        }
    }

    /** RedemptionService#request's scope of the Idempotency-Key. */
    static final String SCOPE = "redemption";

    private final RedemptionRulesService rules;
    private final RewardRepository rewards;
    private final RedemptionRepository redemptions;
    private final IdempotencyRecordRepository records;
    private final RedemptionEvents events;
    private final IdempotentRequests idempotent;

    public RedemptionBatchService(RedemptionRulesService rules, RewardRepository rewards, RedemptionRepository redemptions,
            IdempotencyRecordRepository records, RedemptionEvents events, IdempotentRequests idempotent) {
        this.rules = rules;
        this.rewards = rewards;
        this.redemptions = redemptions;
        this.records = records;
        this.events = events;
        this.idempotent = idempotent;
    }

    /**
     * Makes the calls in one transaction.
     *
     * @return each call's result, in the calls' order
     * @throws RuntimeException when the batch as a whole failed (nothing of it kept): make every call alone
     */
    @Transactional
    public List<Result> make(List<Call> calls) {
        Instant now = RedemptionService.storedNow();
        Result[] results = new Result[calls.size()];
        List<Integer> open = new ArrayList<>();
        Set<Key> seen = new HashSet<>();
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            if (call.idempotencyKey() == null || call.idempotencyKey().isBlank()) {
                results[i] = new Refused(IdempotentRequests.keyRequired());
            } else if (!IdempotentRequests.isWellFormedKey(call.idempotencyKey()) || !seen.add(call.key())) {
                results[i] = new Alone();
            } else {
                open.add(i);
            }
        }

        // Checked before any key is claimed, but a refusal only stands for a request whose key is claimed below: a
        // retry of an earlier request is answered with that one's answer, whatever the rules say now.
        Map<UUID, Redeemable> redeemables = rewards
                .redeemables(open.stream().map(i -> calls.get(i).request().rewardId()).distinct().toList());
        Planned[] plans = new Planned[calls.size()];
        ProblemException[] refusals = new ProblemException[calls.size()];
        for (int i : open) {
            Call call = calls.get(i);
            try {
                plans[i] = rules.plan(call.communityId(), call.memberId(), call.actedBy(), call.request(),
                        Optional.ofNullable(redeemables.get(call.request().rewardId())), call.chosenId(),
                        call.receipt(), now);
            } catch (ProblemException refused) {
                refusals[i] = refused;
            }
        }

        claimAndReserve(calls, open, plans, refusals, results);
        if (open.isEmpty()) {
            return List.of(results);
        }

        List<Redemption> made = open.stream().map(i -> plans[i].redemption()).toList();
        Set<UUID> inserted = redemptions.insertAll(made);
        if (inserted.size() != made.size()) {
            throw new BatchAbandoned("a redemption id of the batch is taken");
        }
        // Also when the resident pays nothing (a 100% discount): see RedemptionService#reserveAndHold.
        events.holdRequestedAll(made);
        List<Answer> answers = new ArrayList<>();
        for (int i : open) {
            RedemptionDetails details = RedemptionDetails.of(plans[i].redemption(), now);
            results[i] = new Made(details);
            answers.add(new Answer(calls.get(i).key(), idempotent.storedForm(details)));
        }
        records.answer(SCOPE, answers);
        return List.of(results);
    }

    /**
     * Claims the keys of the open calls and takes their seats, meals and stock. A call whose key is not claimed is
     * made alone; one refused (by a rule, or sold out) is taken back with every claim and reservation since the mark,
     * and the rest claimed and reserved again, until none is refused: a refused request keeps no key, so that it can
     * be sent again, as when a transaction of its own rolls back.
     */
    private void claimAndReserve(List<Call> calls, List<Integer> open, Planned[] plans, ProblemException[] refusals,
            Result[] results) {
        // The same order of rows in every batch, the arrival order kept per row: two batches (of two instances) that
        // reserve on the same rewards take their rows in the same order rather than deadlock.
        Comparator<Integer> byRow = Comparator.comparing(i -> String.valueOf(plans[i].reward().id)
                + String.valueOf(plans[i].redemption().sessionId) + String.valueOf(plans[i].redemption().mealDay));
        while (!open.isEmpty()) {
            records.markBeforeClaims();
            Set<Key> claimed = records.claim(SCOPE,
                    open.stream().map(i -> new Claim(calls.get(i).key(), idempotent.fingerprint(forMember(calls.get(i)))))
                            .toList());
            for (int i : open) {
                if (!claimed.contains(calls.get(i).key())) {
                    results[i] = new Alone();
                }
            }
            open.removeIf(i -> results[i] != null);
            List<Integer> refused = new ArrayList<>(open.stream().filter(i -> refusals[i] != null).toList());
            if (refused.isEmpty()) {
                for (int i : open.stream().sorted(byRow).toList()) {
                    try {
                        rules.reserve(plans[i]);
                    } catch (ProblemException soldOut) {
                        refusals[i] = soldOut;
                        refused.add(i);
                    }
                }
            }
            if (refused.isEmpty()) {
                return;
            }
            records.undoSinceMark();
            for (int i : refused) {
                results[i] = new Refused(refusals[i]);
            }
            open.removeAll(refused);
        }
    }

    /** What the request's Idempotency-Key stands for, as RedemptionService#request fingerprints it. */
    private static ForMember forMember(Call call) {
        return new ForMember(call.memberId(), call.request());
    }
}
