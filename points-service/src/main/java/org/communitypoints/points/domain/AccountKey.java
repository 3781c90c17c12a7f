package org.communitypoints.points.domain;

/** Names an account by what it is for; the ledger opens it on first use. */
public record AccountKey(String communityId, AccountType type, String ownerId) {

    public static AccountKey resident(String communityId, String memberId) {
        return new AccountKey(communityId, AccountType.RESIDENT, memberId);
    }

    public static AccountKey issuance(String communityId) {
        return new AccountKey(communityId, AccountType.ISSUANCE, AccountType.COMMUNITY_OWNED);
    }

    public static AccountKey subsidyPool(String communityId) {
        return new AccountKey(communityId, AccountType.SUBSIDY_POOL, AccountType.COMMUNITY_OWNED);
    }

    public static AccountKey expiry(String communityId) {
        return new AccountKey(communityId, AccountType.EXPIRY, AccountType.COMMUNITY_OWNED);
    }

    public static AccountKey redemption(String communityId, String partnerId) {
        return new AccountKey(communityId, AccountType.REDEMPTION, partnerId);
    }
}
