package org.communitypoints.activity.rest;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.communitypoints.activity.service.RecordingService.Bulk;
import org.communitypoints.activity.service.RecordingService.BulkEntry;

/** @param verify also verify every recorded shift in the same transaction */
public record BulkRequest(@NotEmpty @Size(max = 500) List<@NotNull @Valid Entry> entries, boolean verify) {

    /** Times default to the activity's start and end. */
    public record Entry(@NotBlank @Size(max = 100) String memberId, Instant startedAt, Instant endedAt,
            boolean walkIn) {
    }

    Bulk toCommand() {
        return new Bulk(entries.stream().map(e -> new BulkEntry(e.memberId(), e.startedAt(), e.endedAt(), e.walkIn()))
                .toList(), verify);
    }
}
