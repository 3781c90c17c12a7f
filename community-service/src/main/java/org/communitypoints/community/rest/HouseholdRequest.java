package org.communitypoints.community.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** @param name the household's label, e.g. 5栋1单元102 王家 */
public record HouseholdRequest(@NotBlank @Size(max = 200) String name) {
}
