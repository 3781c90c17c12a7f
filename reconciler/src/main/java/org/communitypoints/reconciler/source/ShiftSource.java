package org.communitypoints.reconciler.source;

import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.reconciler.client.GatewayClient;
import org.communitypoints.reconciler.client.ServiceAccount;
import org.communitypoints.reconciler.config.ReconcilerConfig;
import org.communitypoints.reconciler.model.ShiftCorrection;
import org.communitypoints.reconciler.model.VerifiedShift;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Adapter for activity-service's shift export ({@code GET /api/activity/exports/shifts}): one item per
 * verification (type SHIFT_VERIFIED, with the points its rule gave) or correction (SHIFT_CORRECTED,
 * with the previous and corrected points).
 */
@ApplicationScoped
public class ShiftSource {

    static final String EXPORT = "activity shifts";

    private final GatewayClient gateway;
    private final ServiceAccount account;
    private final int pageSize;

    public ShiftSource(@RestClient GatewayClient gateway, ServiceAccount account, ReconcilerConfig config) {
        this.gateway = gateway;
        this.account = account;
        this.pageSize = config.pageSize();
    }

    public String read(String after, Consumer<VerifiedShift> shifts, Consumer<ShiftCorrection> corrections) {
        return Pages.readAll(EXPORT, after, cursor -> gateway.shifts(account.authorization(), cursor, pageSize),
                Pages.trees(node -> {
                    if (isCorrection(node)) {
                        corrections.accept(toCorrection(node));
                    } else {
                        shifts.accept(toShift(node));
                    }
                }));
    }

    static boolean isCorrection(JsonNode n) {
        String type = Json.text(n, "type");
        return type != null ? type.toUpperCase().contains("CORRECT") : Json.text(n, "correctionId") != null;
    }

    static VerifiedShift toShift(JsonNode n) {
        return new VerifiedShift(
                Json.requiredText(EXPORT, n, "shiftId"),
                Json.text(n, "memberId"),
                Json.text(n, "communityId"),
                Json.requiredNumber(EXPORT, n, "points"),
                Json.instant(n, "recordedAt", "verifiedAt"));
    }

    static ShiftCorrection toCorrection(JsonNode n) {
        long previous = Json.requiredNumber(EXPORT, n, "previousPoints");
        long corrected = Json.requiredNumber(EXPORT, n, "correctedPoints");
        return new ShiftCorrection(
                Json.requiredText(EXPORT, n, "correctionId"),
                Json.text(n, "shiftId"),
                Json.text(n, "memberId"),
                Json.text(n, "communityId"),
                corrected - previous,
                Json.instant(n, "recordedAt", "correctedAt"));
    }
}
