package org.communitypoints.platform.data.membership;

import java.util.Set;

import org.communitypoints.contracts.events.HouseholdCategory;

/**
 * A resident as the copy of the registry knows them, with their household's means-tested categories valid on one
 * day: what a request that both checks and prices by the resident needs, read together ({@link Membership#findOn}).
 *
 * @param categories empty when no category of an active household applies that day
 */
public record ResidentOnDay(Member member, Set<HouseholdCategory> categories) {
}
