package org.communitypoints.catalog.rest;

import java.time.Instant;
import java.util.UUID;

public record SessionResponse(UUID id, Instant startsAt, Instant endsAt, int capacity, int seatsLeft) {
}
