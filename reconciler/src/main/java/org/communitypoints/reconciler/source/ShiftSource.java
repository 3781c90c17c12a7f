package org.communitypoints.reconciler.source;

import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.contracts.export.ShiftExportItem;
import org.communitypoints.reconciler.client.ExportCalls;
import org.communitypoints.reconciler.client.GatewayClient;
import org.communitypoints.reconciler.config.ReconcilerConfig;
import org.communitypoints.reconciler.model.ShiftCorrection;
import org.communitypoints.reconciler.model.VerifiedShift;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * activity-service's shift export ({@code GET /api/activity/exports/shifts}, pages of {@link ShiftExportItem}):
 * one item per verification (with the points its rule gave) or correction (with the previous and corrected
 * points).
 */
@ApplicationScoped
public class ShiftSource {

    static final String EXPORT = "activity shifts";
    private static final Logger LOG = Logger.getLogger(ShiftSource.class);

    private final GatewayClient gateway;
    private final ExportCalls calls;
    private final int pageSize;

    public ShiftSource(@RestClient GatewayClient gateway, ExportCalls calls, ReconcilerConfig config) {
        this.gateway = gateway;
        this.calls = calls;
        this.pageSize = config.pageSize();
    }

    public String read(String after, Consumer<VerifiedShift> shifts, Consumer<ShiftCorrection> corrections) {
        return ExportPages.readAll(calls, EXPORT, after, cursor -> gateway.shifts(cursor, pageSize), item -> {
            switch (ExportPages.required(EXPORT, "type", item.type())) {
                case SHIFT_VERIFIED -> shifts.accept(toShift(item));
                case SHIFT_CORRECTED -> corrections.accept(toCorrection(item));
                // A newer activity-service may export facts this job does not know: they bear no points it checks.
                case UNKNOWN -> LOG.warnf("Skipped an item of unknown type from the %s export (event %s)", EXPORT,
                        item.eventId());
            }
        });
    }

    static VerifiedShift toShift(ShiftExportItem item) {
        return new VerifiedShift(text(ExportPages.required(EXPORT, "shiftId", item.shiftId())), item.memberId(),
                item.communityId(), ExportPages.required(EXPORT, "points", item.points()), item.recordedAt());
    }

    static ShiftCorrection toCorrection(ShiftExportItem item) {
        long previous = ExportPages.required(EXPORT, "previousPoints", item.previousPoints());
        long corrected = ExportPages.required(EXPORT, "correctedPoints", item.correctedPoints());
        return new ShiftCorrection(text(ExportPages.required(EXPORT, "correctionId", item.correctionId())),
                text(item.shiftId()), item.memberId(), item.communityId(), corrected - previous, item.recordedAt());
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
