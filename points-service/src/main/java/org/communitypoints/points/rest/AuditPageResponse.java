package org.communitypoints.points.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of the control audit, newest first; {@code nextCursor} asks for the older entries, null at the end. */
public record AuditPageResponse(List<AuditEntryResponse> entries, @Schema(nullable = true) String nextCursor) {
}
