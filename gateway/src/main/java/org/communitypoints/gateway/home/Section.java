package org.communitypoints.gateway.home;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One part of the home screen. A service that is down, slow or refusing makes its part
 * "unavailable" (data absent) while the other parts still show.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Section<T>(
        @Schema(enumeration = {
                "ok", "unavailable" }, required = true) String status,
        @Schema(description = "Present when status is ok, null when unavailable.", nullable = true) T data){

    public static final String OK = "ok";
    public static final String UNAVAILABLE = "unavailable";

    public static <T> Section<T> ok(T data) {
        return new Section<>(OK, data);
    }

    public static <T> Section<T> unavailable() {
        return new Section<>(UNAVAILABLE, null);
    }
}
