package org.communitypoints.community.rest;

import java.time.Instant;
import java.util.List;

/** A page of the registry's audit, newest first; {@code nextBefore} asks for the next page (absent at the end). */
public record AuditPageResponse(List<Entry> entries, Long nextBefore) {

    /**
     * @param subjectType RESIDENT, HOUSEHOLD, JOIN_REQUEST or PROXY_GRANT
     * @param memberId the resident concerned, if any
     */
    public record Entry(long id, String subjectType, String subjectId, String memberId, String action, String detail,
            String actor, Instant at) {
    }
}
