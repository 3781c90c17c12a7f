package org.communitypoints.points.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a passbook, newest first.
 *
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record PassbookResponse(List<PassbookLineResponse> lines, @Schema(nullable = true) String nextCursor) {
}
