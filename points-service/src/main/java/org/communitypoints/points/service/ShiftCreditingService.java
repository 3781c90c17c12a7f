package org.communitypoints.points.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.contracts.DerivedIds;
import org.communitypoints.contracts.events.ShiftCorrected;
import org.communitypoints.contracts.events.ShiftVerified;
import org.communitypoints.platform.data.DeadLetters;
import org.communitypoints.points.domain.Account;
import org.communitypoints.points.domain.AccountKey;
import org.communitypoints.points.domain.JournalTransaction;
import org.communitypoints.points.domain.Posting;
import org.communitypoints.points.domain.ShiftCreditDescription;
import org.communitypoints.points.domain.TransactionKind;
import org.communitypoints.points.repository.AccountRepository;
import org.communitypoints.points.repository.JournalRepository;
import org.communitypoints.points.repository.ProcessedEventRepository;
import org.communitypoints.points.repository.ProcessedEventRepository.Seen;
import org.jboss.logging.Logger;

/**
 * Credits verified shifts and posts corrections, a whole Kafka batch in one database transaction:
 * the processed-event records, the journal and the balances commit together or not at all, so a
 * redelivered batch (crash, rebalance, duplicate publication) finds its events already processed.
 */
@ApplicationScoped
public class ShiftCreditingService {

    private static final Logger LOG = Logger.getLogger(ShiftCreditingService.class);

    public static final String CAUSE_SHIFT = "SHIFT";
    public static final String CAUSE_CORRECTION = "SHIFT_CORRECTION";

    private final ProcessedEventRepository processedEvents;
    private final AccountRepository accounts;
    private final JournalRepository journal;
    private final DeadLetters deadLetters;

    public ShiftCreditingService(ProcessedEventRepository processedEvents, AccountRepository accounts,
            JournalRepository journal, DeadLetters deadLetters) {
        this.processedEvents = processedEvents;
        this.accounts = accounts;
        this.journal = journal;
        this.deadLetters = deadLetters;
    }

    /** What a batch did. */
    public record Outcome(int booked, int alreadyProcessed, int deadLettered) {
    }

    /**
     * Applies one partition's share of a poll. A record that cannot be decoded never gets here (the consumer
     * refuses it and platform-data dead-letters it); a correction the balance cannot bear is dead-lettered
     * here, in this transaction, so that the rest of the share is still credited in one go.
     *
     * <p>
     * Exactly once without a processed-event row per credit: every event books one journal transaction whose id is
     * derived from its cause (the shift, the correction), and that primary key is the record that the event was
     * applied. Only an event that books nothing and must stay that way, a correction refused and dead-lettered, is
     * recorded in {@code processed_event}, so that a redelivery does not book it once the balance has grown. Both are
     * read after the residents' rows are locked: a transaction that applied the same events for the same residents
     * has committed by then, and its rows are seen.
     */
    @Transactional
    public Outcome apply(List<ShiftEvent> events) {
        int deadLettered = 0;
        Instant received = Instant.now();
        Map<UUID, ShiftEvent> distinct = new LinkedHashMap<>();
        for (ShiftEvent event : events) {
            distinct.putIfAbsent(event.eventId(), event);
        }
        long t0 = System.nanoTime();
        Set<AccountKey> keys = new HashSet<>();
        for (ShiftEvent event : distinct.values()) {
            keys.add(AccountKey.resident(event.communityId(), event.payload().memberId()));
            keys.add(AccountKey.issuance(event.communityId()));
        }
        Map<AccountKey, Account> opened = accounts.openAndLock(keys);
        long t1 = System.nanoTime();

        Map<UUID, UUID> transactionOf = new LinkedHashMap<>();
        List<UUID> correctionEvents = new ArrayList<>();
        for (ShiftEvent event : distinct.values()) {
            if (event.payload() instanceof ShiftVerified shift) {
                transactionOf.put(event.eventId(), creditOf(shift.shiftId()));
            } else {
                transactionOf.put(event.eventId(), correctionOf(((ShiftCorrected) event.payload()).correctionId()));
                correctionEvents.add(event.eventId());
            }
        }
        Set<UUID> inJournal = journal.existing(transactionOf.values());
        Set<UUID> refused = processedEvents.recorded(correctionEvents);

        // Credits first, then corrections in arrival order: a correction never runs ahead of money it needs.
        Map<UUID, JournalTransaction> credits = new LinkedHashMap<>();
        List<ShiftEvent> corrections = new ArrayList<>();
        Set<UUID> correctionIds = new HashSet<>();
        int toApply = 0;
        for (ShiftEvent event : distinct.values()) {
            UUID transactionId = transactionOf.get(event.eventId());
            if (inJournal.contains(transactionId) || refused.contains(event.eventId())) {
                continue;
            }
            toApply++;
            if (event.payload() instanceof ShiftVerified shift) {
                credits.putIfAbsent(transactionId, credit(event.communityId(), shift));
            } else if (correctionIds.add(transactionId)) {
                corrections.add(event);
            }
        }
        if (toApply == 0) {
            return new Outcome(0, events.size(), deadLettered);
        }

        Map<AccountKey, Long> available = new HashMap<>();
        for (JournalTransaction credit : credits.values()) {
            AccountKey resident = credit.postings().get(0).account();
            available.merge(resident, credit.postings().get(0).amount(), Long::sum);
        }
        List<JournalTransaction> transactions = new ArrayList<>(credits.values());
        List<Seen> refusedNow = new ArrayList<>();
        for (ShiftEvent event : corrections) {
            ShiftCorrected correction = (ShiftCorrected) event.payload();
            if (correction.delta() == 0) {
                continue;
            }
            AccountKey resident = AccountKey.resident(event.communityId(), correction.memberId());
            long availableNow = opened.get(resident).available() + available.getOrDefault(resident, 0L);
            if (availableNow + correction.delta() < 0) {
                deadLetters.record(event.source(), "INSUFFICIENT_POINTS: correction " + correction.correctionId()
                        + " takes " + (-correction.delta()) + " points but only " + availableNow
                        + " are available; staff must settle it by hand", "", received, Instant.now(), 1);
                refusedNow.add(new Seen(event.eventId(), event.type()));
                deadLettered++;
                continue;
            }
            available.merge(resident, correction.delta(), Long::sum);
            transactions.add(correction(event.communityId(), correction));
        }
        processedEvents.recordFirstDeliveries(refusedNow);
        long t2 = System.nanoTime();
        Set<UUID> booked = journal.append(transactions, opened, Instant.now());
        long t3 = System.nanoTime();
        if (LOG.isDebugEnabled()) {
            LOG.debugf("accounts %d ms, already applied %d ms, journal %d ms", (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        }
        return new Outcome(booked.size(), events.size() - toApply, deadLettered);
    }

    /** The id of the credit of a shift: the same shift published twice is still booked once. */
    public static UUID creditOf(UUID shiftId) {
        return DerivedIds.of("shift-credit", shiftId.toString());
    }

    /** The id of the transaction booking a shift correction. */
    public static UUID correctionOf(UUID correctionId) {
        return DerivedIds.of("shift-correction", correctionId.toString());
    }

    static JournalTransaction credit(String communityId, ShiftVerified shift) {
        AccountKey resident = AccountKey.resident(communityId, shift.memberId());
        return new JournalTransaction(creditOf(shift.shiftId()), communityId, TransactionKind.SHIFT_CREDIT,
                CAUSE_SHIFT, shift.shiftId().toString(),
                ShiftCreditDescription.of(titleOf(shift.activityTitle()), shift.minutes()),
                shift.verifiedBy(), null,
                List.of(Posting.posted(resident, shift.points()),
                        Posting.posted(AccountKey.issuance(communityId), -shift.points())))
                .withShiftMinutes(shift.shiftId(), shift.minutes());
    }

    static JournalTransaction correction(String communityId, ShiftCorrected correction) {
        AccountKey resident = AccountKey.resident(communityId, correction.memberId());
        return new JournalTransaction(correctionOf(correction.correctionId()), communityId,
                TransactionKind.SHIFT_CORRECTION, CAUSE_CORRECTION, correction.correctionId().toString(),
                "服务时长更正：" + titleOf(correction.activityTitle()) + "（" + correction.previousPoints() + " → "
                        + correction.correctedPoints() + " 积分）",
                correction.correctedBy(), correction.reason(),
                List.of(Posting.posted(resident, correction.delta()),
                        Posting.posted(AccountKey.issuance(communityId), -correction.delta())))
                .withShiftMinutes(correction.shiftId(), correction.correctedMinutes());
    }

    private static String titleOf(String activityTitle) {
        return activityTitle == null || activityTitle.isBlank() ? "社区志愿活动" : activityTitle;
    }
}
