package org.communitypoints.platform.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail. {@code code} is the stable machine word clients branch on
 * (INSUFFICIENT_POINTS, CAPACITY_FULL...); {@code detail} is the sentence shown to the resident.
 *
 * @param errors the offending fields of a request that failed validation, else absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String code,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One rejected field: its JSON path in the request and why it was rejected. */
    public record FieldError(String field, String message) {
    }
}
