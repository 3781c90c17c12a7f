package org.communitypoints.points.rest;

import java.time.Instant;
import java.util.UUID;

import org.communitypoints.points.domain.TransactionKind;

/** One line of a passbook, with the balance right after it. */
public record PassbookLineResponse(long sequence, Instant postedAt, String description, long amount,
        long runningBalance, TransactionKind kind, UUID transactionId) {
}
