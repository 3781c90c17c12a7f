package org.communitypoints.reconciler.model;

/** Whose account a posting touches, as far as the checks care. */
public enum AccountType {
    /** A resident's passbook: must never go negative. */
    RESIDENT,
    /** A community partner: receives captured points and is settled. */
    PARTNER,
    /** Everything else: community issuance, subsidy pool, holds in transit. */
    OTHER
}
