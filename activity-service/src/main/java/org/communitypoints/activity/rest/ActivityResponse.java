package org.communitypoints.activity.rest;

import java.time.Instant;
import java.util.UUID;

public record ActivityResponse(UUID id, String title, UUID kindId, String kindCode, String kindName, String place,
        Instant startsAt, Instant endsAt, int capacity, int signedUp, int placesLeft) {
}
