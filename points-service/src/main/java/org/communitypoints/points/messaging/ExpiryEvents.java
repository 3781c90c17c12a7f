package org.communitypoints.points.messaging;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.contracts.DerivedIds;
import org.communitypoints.contracts.events.PointsExpiring;
import org.communitypoints.platform.data.Outbox;

/**
 * Warnings of points about to lapse ({@code Topics.NOTICES}), written to the outbox in the caller's transaction. The
 * event id is derived from the resident and the month, so the same warning is the same event wherever it comes from.
 */
@ApplicationScoped
public class ExpiryEvents {

    private final Outbox outbox;

    public ExpiryEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void expiring(String communityId, String memberId, long points, LocalDate expiryMonth, LocalDate earnedFrom,
            LocalDate earnedUntil) {
        UUID id = DerivedIds.of("points-expiring", communityId, memberId, expiryMonth.toString());
        outbox.publish(id, communityId, new PointsExpiring(memberId, points, expiryMonth, earnedFrom, earnedUntil));
    }
}
