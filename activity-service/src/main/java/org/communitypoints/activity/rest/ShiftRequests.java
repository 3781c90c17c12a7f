package org.communitypoints.activity.rest;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Request bodies of the grid worker's recording endpoints. Times are optional: a phone that lost its
 * network sends the time it noted; without one the server's clock is used.
 */
public final class ShiftRequests {

    private ShiftRequests() {
    }

    /** @param walkIn true for a volunteer who did not sign up beforehand */
    public record CheckIn(@NotBlank @Size(max = 100) String memberId, boolean walkIn, Instant at) {
    }

    public record CheckOut(Instant at) {
    }

    /** Times default to the activity's start and end. */
    public record BulkEntry(@NotBlank @Size(max = 100) String memberId, Instant startedAt, Instant endedAt,
            boolean walkIn) {
    }

    /** @param verify also verify every recorded shift in the same transaction */
    public record Bulk(@NotEmpty @Size(max = 500) List<@NotNull @Valid BulkEntry> entries, boolean verify) {
    }

    public record Reject(@NotBlank @Size(max = 500) String reason) {
    }

    /** Either other minutes or {@code "void": true}, always with a reason. */
    public record Correct(@Min(0) @Max(1440) Integer minutes, @JsonProperty("void") boolean voidShift,
            @NotBlank @Size(max = 500) String reason) {
    }
}
