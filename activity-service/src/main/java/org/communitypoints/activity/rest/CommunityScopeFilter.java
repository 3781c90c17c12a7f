package org.communitypoints.activity.rest;

import java.util.UUID;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;

import org.communitypoints.activity.service.CommunityScopeService;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks the ids in the path against the caller's community after the role check (Quarkus REST decides
 * {@code @RolesAllowed} right after matching, before any post-matching filter) and before the body is read and
 * validated: a caller without the role gets 403, a caller naming another community's activity, shift or kind gets
 * 404, and only then does a malformed body answer 400. An id that is not a UUID is left to the parameter converter
 * (400 INVALID_PARAMETER): it cannot be anybody's.
 */
public class CommunityScopeFilter {

    private final CommunityScopeService scope;

    public CommunityScopeFilter(CommunityScopeService scope) {
        this.scope = scope;
    }

    @ServerRequestFilter
    public void requireOwnCommunity(ContainerRequestContext request) {
        MultivaluedMap<String, String> path = request.getUriInfo().getPathParameters();
        String activityId = path.getFirst("activityId");
        if (isUuid(activityId)) {
            scope.activity(UUID.fromString(activityId));
        }
        String shiftId = path.getFirst("shiftId");
        if (isUuid(shiftId)) {
            scope.shift(UUID.fromString(shiftId));
        }
        String kindId = path.getFirst("kindId");
        if (isUuid(kindId)) {
            scope.kind(UUID.fromString(kindId));
        }
        String memberId = path.getFirst("memberId");
        if (memberId != null) {
            scope.member(memberId);
        }
    }

    private static boolean isUuid(String text) {
        if (text == null || text.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
