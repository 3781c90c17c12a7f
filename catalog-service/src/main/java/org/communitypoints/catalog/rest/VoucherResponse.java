package org.communitypoints.catalog.rest;

import java.time.Instant;

import org.communitypoints.catalog.domain.VoucherState;

/** @param code the one-time code the mini-program shows as a QR code */
public record VoucherResponse(String code, Instant validFrom, Instant validUntil, VoucherState state) {
}
