package org.communitypoints.activity.rest;

import java.time.Instant;

import org.communitypoints.activity.service.RecordingService.CheckOut;

/** @param at when the phone noted the check-out while offline; the server's clock when absent */
public record CheckOutRequest(Instant at) {

    static CheckOut toCommand(CheckOutRequest request) {
        return new CheckOut(request == null ? null : request.at());
    }
}
