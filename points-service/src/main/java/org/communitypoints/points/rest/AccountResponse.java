package org.communitypoints.points.rest;

import org.communitypoints.points.domain.AccountType;

/** One of the community's own accounts and its balance. */
public record AccountResponse(long accountId, String communityId, AccountType type, String ownerId, long posted,
        long pending) {
}
