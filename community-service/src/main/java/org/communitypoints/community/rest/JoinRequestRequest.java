package org.communitypoints.community.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A resident asks to join their community's registry.
 *
 * @param address the household's address as the resident writes it (e.g. 梧桐社区5栋1单元102)
 */
public record JoinRequestRequest(@NotBlank @Size(max = 100) String displayName, @NotBlank @Size(max = 20) String phone,
        @NotBlank @Size(max = 200) String address) {
}
