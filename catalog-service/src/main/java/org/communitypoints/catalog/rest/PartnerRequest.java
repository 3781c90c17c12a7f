package org.communitypoints.catalog.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.communitypoints.catalog.domain.PartnerKind;

/**
 * @param id the partner's slug, e.g. "wutong-canteen"; the identity provider puts it in the
 *        {@code partner} claim of the partner's staff
 */
public record PartnerRequest(
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{2,62}", message = "3 to 63 lower-case letters, digits or dashes") String id,
        @NotBlank @Size(max = 200) String name,
        @NotNull PartnerKind kind) {
}
