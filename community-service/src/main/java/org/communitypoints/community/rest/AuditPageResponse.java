package org.communitypoints.community.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of the registry's audit, newest first; {@code nextBefore} asks for the next page (absent at the end). */
public record AuditPageResponse(List<Entry> entries, @Schema(nullable = true) Long nextBefore) {

    /**
     * @param subjectType RESIDENT, HOUSEHOLD, JOIN_REQUEST or PROXY_GRANT
     * @param memberId the resident concerned, if any
     */
    public record Entry(long id, String subjectType, String subjectId, @Schema(nullable = true) String memberId, String action,
            String detail,
            String actor, Instant at) {
    }
}
