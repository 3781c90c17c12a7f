package org.communitypoints.reconciler.engine;

/** Every kind of discrepancy the reconciler reports, with the invariant it breaks. */
public enum DiscrepancyType {
    UNBALANCED_TRANSACTION("a ledger transaction whose postings do not sum to zero"),
    BALANCE_MISMATCH("an account balance that differs from the sum of its postings"),
    ACCOUNT_MISSING_FROM_BALANCES("an account with postings that the balance export does not list"),
    NEGATIVE_BALANCE("a resident's balance below zero"),
    MISSING_CREDIT("a verified shift that was never credited"),
    DUPLICATE_CREDIT("a verified shift credited more than once"),
    CREDIT_AMOUNT_MISMATCH("a shift credited with other points than its rule gives"),
    CREDIT_WITHOUT_SHIFT("a shift credit with no verified shift behind it"),
    MISSING_CORRECTION("a shift correction that was never posted"),
    DUPLICATE_CORRECTION("a shift correction posted more than once"),
    CORRECTION_AMOUNT_MISMATCH("a shift correction posted with another difference"),
    CORRECTION_WITHOUT_SOURCE("a correction posting with no correction behind it"),
    UNCAPTURED_FULFILMENT("a fulfilled voucher whose hold was never captured"),
    DUPLICATE_CAPTURE("a fulfilled voucher captured more than once"),
    CAPTURE_AMOUNT_MISMATCH("a capture of another amount than the voucher's price"),
    CAPTURE_WITHOUT_FULFILMENT("a capture for a voucher that was not fulfilled"),
    UNRELEASED_HOLD("a cancelled, rejected or expired redemption whose hold was not released"),
    STALE_HOLD("a hold still alive past its timeout"),
    LEDGER_ENTRY_WITHOUT_REDEMPTION("a hold, capture or release for a redemption the catalog does not know"),
    REGISTRY_CLAIM_NOT_CONFIRMED("a redemption the ledger refused because its copy of the registry holds no such proxy "
            + "grant or household category as the catalog's copy did"),
    REQUEST_NOT_CONFIRMED("a redemption the ledger refused because no gateway receipt showed the resident (or their "
            + "proxy) asked for it"),
    REQUEST_WITHOUT_REDEMPTION("a redemption request points-service refused for want of confirmation, for a redemption "
            + "the catalog never had: written into the catalog's outbox or sent to the broker past catalog-service"),
    SETTLEMENT_MISMATCH("a partner settlement that differs from what the ledger captured for the partner"),
    CHAIN_LINK_MISMATCH("a journal transaction whose content no longer gives its hash-chain link: edited after booking"),
    CHAIN_BROKEN("a hash-chain link that does not continue the link before it"),
    SEAL_SIGNATURE_INVALID("a monthly seal whose signature the published key does not verify"),
    SEAL_MISMATCH("a monthly seal whose Merkle root, count or chain head differs from the chain"),
    EXPIRY_EXCEEDS_UNCONSUMED("an expiry larger than what was left, first in first out, of credits older than its cutoff"),
    EXPIRY_TOOK_HELD_POINTS("an expiry that took points a hold had reserved"),
    ADJUSTMENT_OVER_LIMIT("a staff adjustment of more points than one adjustment may be"),
    ADJUSTMENT_WITHOUT_SECOND_PERSON(
            "an adjustment or reversal above the approval threshold, or a pool funding, booked without a second staff member"),
    ADJUSTMENT_FOR_ONESELF("a staff adjustment or reversal on the points of the staff member who made or approved it"),
    ADJUSTED_ALONE_OVER_DAILY_LIMIT("a staff member's adjustments booked alone in one day beyond the daily limit");

    private final String meaning;

    DiscrepancyType(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }
}
