package org.communitypoints.points.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A household's passbook: its current members' balances, their totals, and one page of their lines together, newest
 * first.
 *
 * @param posted the members' posted points together; likewise {@code held} and {@code available}
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record HouseholdPassbookResponse(String householdId, String name, List<Member> members, long posted, long held,
        long available, List<Line> lines, @Schema(nullable = true) String nextCursor) {

    /** One member of the household with their balance now. */
    public record Member(String memberId, String displayName, long posted, long held, long available) {
    }

    /** One line of one member's passbook (fields as in {@link PassbookLineResponse}), naming the member. */
    public record Line(String memberId, String memberName, PassbookLineResponse line) {
    }
}
