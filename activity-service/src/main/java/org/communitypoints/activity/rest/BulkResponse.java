package org.communitypoints.activity.rest;

import java.util.List;
import java.util.UUID;

public record BulkResponse(UUID activityId, List<ShiftResponse> shifts) {
}
