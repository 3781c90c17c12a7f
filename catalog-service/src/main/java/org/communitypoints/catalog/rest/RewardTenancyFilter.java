package org.communitypoints.catalog.rest;

import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import org.communitypoints.catalog.service.CatalogService;
import org.communitypoints.platform.web.Caller;

/**
 * Tenancy before validation: Quarkus REST checks {@code @RolesAllowed} first, then runs this filter, and only then
 * converts parameters and reads and validates the body. So staff of another community learn nothing from a 400
 * about a reward that is not theirs: they get 404 REWARD_NOT_FOUND. An {@code id} that is not a UUID is left to
 * the parameter conversion (400 naming the parameter): it cannot name anyone's reward.
 */
@Provider
@RewardOfCallersCommunity
@Priority(Priorities.USER)
public class RewardTenancyFilter implements ContainerRequestFilter {

    private final CatalogService catalog;
    private final Caller caller;

    public RewardTenancyFilter(CatalogService catalog, Caller caller) {
        this.catalog = catalog;
        this.caller = caller;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String id = request.getUriInfo().getPathParameters().getFirst("id");
        UUID rewardId;
        try {
            rewardId = id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException notAUuid) {
            return;
        }
        if (rewardId != null) {
            catalog.requireRewardOf(caller.communityId(), rewardId);
        }
    }
}
