package org.communitypoints.reconciler.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.communitypoints.reconciler.model.LedgerPosting;
import org.communitypoints.reconciler.model.RedemptionState;

/**
 * The running totals the checks keep, and what an incremental run resumes from (the state file holds this
 * as JSON). Plain maps keyed by the exports' ids; the rows are mutable because a run updates them in place
 * as postings, shifts and redemptions stream past.
 *
 * @param postingsSeen every posting read so far, over all runs
 * @param accounts per account id, the sums of its posted and pending legs
 * @param unbalanced transactions whose legs did not sum to zero: id (with " (pending legs)" for the pending
 *        side) to remainder
 * @param capturedByPartner "community/partner" to the points its account received in captures
 * @param communities every community with postings
 * @param shifts per shift id, what activity-service declared and the credits booked for it
 * @param corrections per correction id, likewise
 * @param redemptions per redemption id, the catalog's view and the holds, captures and releases booked for it
 * @param lots per resident account id, its credits not yet consumed first in, first out, and what it holds
 * @param expiryFindings per expiry transaction id, what was wrong with it
 * @param adjustmentFindings per adjustment or pool funding transaction id, what was wrong with it
 * @param adjustedAlone per "day/community/staff member", the points of the adjustments that staff member booked
 *        without a second person that day (the last days, and every day over the limit)
 */
public record EngineState(
        long postingsSeen,
        Map<String, Account> accounts,
        Map<String, Long> unbalanced,
        Map<String, Long> capturedByPartner,
        Set<String> communities,
        Map<String, Fact> shifts,
        Map<String, Fact> corrections,
        Map<String, RedemptionRow> redemptions,
        Map<String, Lots> lots,
        Map<String, Finding> expiryFindings,
        Map<String, Finding> adjustmentFindings,
        Map<String, Long> adjustedAlone) {

    /** Totals a state file does not name start empty (RunState refuses the versions from before them). */
    public EngineState {
        lots = lots == null ? new HashMap<>() : lots;
        expiryFindings = expiryFindings == null ? new TreeMap<>() : expiryFindings;
        adjustmentFindings = adjustmentFindings == null ? new TreeMap<>() : adjustmentFindings;
        adjustedAlone = adjustedAlone == null ? new TreeMap<>() : adjustedAlone;
    }

    static EngineState empty() {
        return new EngineState(0, new HashMap<>(), new HashMap<>(), new HashMap<>(), new TreeSet<>(), new HashMap<>(),
                new HashMap<>(), new HashMap<>(), new HashMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
    }

    /**
     * A resident account's lots still (partly) unconsumed, oldest first, as [earned at (epoch millis), points]; the
     * debits not yet set against them; and the points its holds reserve now.
     */
    public static final class Lots {
        public List<long[]> lots = new ArrayList<>(2);
        public long consumed;
        public long held;

        void add(long earnedAtMillis, long points) {
            int at = lots.size();
            while (at > 0 && lots.get(at - 1)[0] > earnedAtMillis) {
                at--;
            }
            lots.add(at, new long[] { earnedAtMillis, points });
        }

        /** First in, first out: whole lots the debits used up are dropped with them. */
        void consume(long points) {
            consumed += points;
            while (!lots.isEmpty() && lots.get(0)[1] <= consumed) {
                consumed -= lots.remove(0)[1];
            }
        }

        /** What is left of the lots earned before the moment. */
        long unconsumedBefore(long cutoffMillis) {
            long earned = 0;
            for (long[] lot : lots) {
                if (lot[0] >= cutoffMillis) {
                    break;
                }
                earned += lot[1];
            }
            return Math.max(0, earned - consumed);
        }
    }

    /** A transaction the journal does not allow (an expiry, an adjustment), kept so every later run reports it too. */
    public static final class Finding {
        public DiscrepancyType type;
        public String accountId;
        public String ownerId;
        public String communityId;
        public String expected;
        public String actual;

        static Finding of(LedgerPosting p, DiscrepancyType type, String expected, String actual) {
            Finding f = new Finding();
            f.type = type;
            f.accountId = p.accountId();
            f.ownerId = p.ownerId();
            f.communityId = p.communityId();
            f.expected = expected;
            f.actual = actual;
            return f;
        }
    }

    /** An account's sums of postings. */
    public static final class Account {
        public long posted;
        public long pending;
    }

    /**
     * A verified shift or a correction: what activity-service says it is worth ({@code known} once its export
     * listed it) and the ledger transactions booked for it that still stand.
     */
    public static final class Fact {
        public boolean known;
        /** Points the credit (or the correction's difference) must be. */
        public long expected;
        /** When the fact was declared; until then, when its first posting was made (epoch millis). */
        public long declaredAtMillis;
        public String memberId;
        public String communityId;
        /** For a correction, the shift it corrects. */
        public String shiftId;
        /** Transactions booked for it and not reversed. */
        public List<String> transactions = new ArrayList<>(1);
        /** Transactions booked for it that staff reversed. */
        public List<String> reversed = new ArrayList<>(0);
        /** What the standing transactions put on the resident's account. */
        public long posted;
    }

    /** A redemption as the catalog last listed it, and what the ledger booked for it. */
    public static final class RedemptionRow {
        /** Null while only the ledger has mentioned it. */
        public RedemptionState state;
        /** The catalog knows the capture was made (its CAPTURED state): counts towards the settlement. */
        public boolean captureConfirmed;
        public String memberId;
        public String partnerId;
        public String communityId;
        /** Resident points plus subsidy. */
        public long price;
        public long holdExpiresAtMillis;
        public long stateSinceMillis;
        /** Why it entered its state, as the catalog lists it; null if no reason was given. */
        public String reasonCode;
        public long firstHoldAtMillis;
        /** What the partner's account received in captures. */
        public long captured;
        public List<String> holds = new ArrayList<>(1);
        public List<String> captures = new ArrayList<>(1);
        public List<String> releases = new ArrayList<>(0);
        /**
         * points-service's refusal of the request for want of confirmation, from its export of unconfirmed requests;
         * null when it refused none (and in state files written before the reconciler read that export). Kept so that
         * a refusal read while still within the grace is reported by a later run, which reads the export after it.
         */
        public Refusal unconfirmedRefusal;
    }

    /**
     * A redemption request points-service refused because nothing confirmed it, as its export lists it. The request's
     * own resident, partner and community are kept here, apart from the row's: they are what an insider wrote, and
     * must not make a partner the settlements are asked for.
     */
    public static final class Refusal {
        public String reason;
        /** Epoch millis; 0 when the export did not say (reported as settled). */
        public long refusedAtMillis;
        public String memberId;
        public String partnerId;
        public String communityId;
        public long points;
        public long subsidyPoints;
    }
}
