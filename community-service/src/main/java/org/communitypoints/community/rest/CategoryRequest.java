package org.communitypoints.community.rest;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Tags a household with a category.
 *
 * @param validUntil inclusive; absent while open-ended
 * @param evidenceNote what staff saw (e.g. the 低保证 number); stays in the registry, never published
 */
public record CategoryRequest(@NotNull LocalDate validFrom, LocalDate validUntil,
        @NotBlank @Size(max = 1000) String evidenceNote) {
}
