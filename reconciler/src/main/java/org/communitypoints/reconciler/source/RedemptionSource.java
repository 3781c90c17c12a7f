package org.communitypoints.reconciler.source;

import java.time.Instant;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.contracts.export.RedemptionChange;
import org.communitypoints.contracts.export.RedemptionExportRow;
import org.communitypoints.reconciler.client.CouldNotRunException;
import org.communitypoints.reconciler.client.ExportCalls;
import org.communitypoints.reconciler.client.GatewayClient;
import org.communitypoints.reconciler.config.ReconcilerConfig;
import org.communitypoints.reconciler.model.Redemption;
import org.communitypoints.reconciler.model.RedemptionState;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * catalog-service's redemption export ({@code GET /api/catalog/exports/redemptions}, pages of
 * {@link RedemptionExportRow}): each redemption again whenever it changes, in change order, with its history.
 */
@ApplicationScoped
public class RedemptionSource {

    static final String EXPORT = "catalog redemptions";

    private final GatewayClient gateway;
    private final ExportCalls calls;
    private final int pageSize;

    public RedemptionSource(@RestClient GatewayClient gateway, ExportCalls calls, ReconcilerConfig config) {
        this.gateway = gateway;
        this.calls = calls;
        this.pageSize = config.pageSize();
    }

    public String read(String after, Consumer<Redemption> sink) {
        return ExportPages.readAll(calls, EXPORT, after, cursor -> gateway.redemptions(cursor, pageSize),
                row -> sink.accept(toRedemption(row)));
    }

    static Redemption toRedemption(RedemptionExportRow row) {
        org.communitypoints.contracts.export.RedemptionState state = ExportPages.required(EXPORT, "state", row.state());
        RedemptionChange newest = newestChange(row);
        return new Redemption(ExportPages.required(EXPORT, "id", row.id()).toString(), row.memberId(), row.partnerId(),
                row.communityId(), state(state), row.points(), row.subsidyPoints(), row.holdExpiresAt(),
                stateSince(row, newest), state == org.communitypoints.contracts.export.RedemptionState.CAPTURED,
                newest == null ? null : newest.reasonCode());
    }

    /**
     * The change that gave the redemption its state, with its time and reason: the latest dated one (of two at the same
     * time, the one listed later, as history is oldest first); null when none is dated.
     */
    private static RedemptionChange newestChange(RedemptionExportRow row) {
        RedemptionChange newest = null;
        for (RedemptionChange change : row.history()) {
            if (change.at() != null && (newest == null || !change.at().isBefore(newest.at()))) {
                newest = change;
            }
        }
        return newest;
    }

    /**
     * The catalog's saga states, as the ledger sees them: CONFIRMED means points held; FULFILLED,
     * CAPTURED and CAPTURE_FAILED all mean the voucher was used, so the ledger must hold exactly one
     * capture (CAPTURE_FAILED is then reported as an uncaptured fulfilment, which it is). A state this job
     * does not know cannot be checked, so the run stops rather than guess.
     */
    static RedemptionState state(org.communitypoints.contracts.export.RedemptionState state) {
        return switch (state) {
            case PENDING -> RedemptionState.PENDING;
            case CONFIRMED -> RedemptionState.HELD;
            case FULFILLED, CAPTURED, CAPTURE_FAILED -> RedemptionState.FULFILLED;
            case CANCELLED -> RedemptionState.CANCELLED;
            case REJECTED -> RedemptionState.REJECTED;
            case EXPIRED -> RedemptionState.EXPIRED;
            case UNKNOWN -> throw new CouldNotRunException("the " + EXPORT + " export sent a redemption state this "
                    + "reconciler does not know; upgrade it");
        };
    }

    /** When the redemption entered its state: the newest history entry's time, else the fulfilment or creation time. */
    private static Instant stateSince(RedemptionExportRow row, RedemptionChange newest) {
        if (newest != null) {
            return newest.at();
        }
        return row.fulfilledAt() != null ? row.fulfilledAt() : row.createdAt();
    }
}
