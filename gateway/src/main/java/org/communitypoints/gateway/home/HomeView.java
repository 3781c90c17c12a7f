package org.communitypoints.gateway.home;

import java.util.List;

import org.communitypoints.gateway.home.client.ActivityClient.UpcomingActivity;
import org.communitypoints.gateway.home.client.CatalogClient.Voucher;
import org.communitypoints.gateway.home.client.PointsClient.Balance;
import org.communitypoints.gateway.home.client.PointsClient.Passbook;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The mini-program's first screen in one answer. */
@Schema(name = "Home")
public record HomeView(
        @Schema(description = "The balance of GET /api/points/me/summary (the same as GET /api/points/me/balance).") Section<Balance> balance,
        @Schema(description = "The 5 newest passbook lines of GET /api/points/me/summary (as GET /api/points/me/passbook?limit=5); unavailable whenever the balance is.") Section<Passbook> passbook,
        @Schema(description = "From GET /api/activity/me/sign-ups?upcoming=true.") Section<List<UpcomingActivity>> upcomingActivities,
        @Schema(description = "From GET /api/catalog/me/vouchers?state=ACTIVE.") Section<List<Voucher>> activeVouchers) {

    /** Whether every part came back; only such a view is kept (HomeViews). */
    boolean allPartsOk() {
        return Section.OK.equals(balance.status()) && Section.OK.equals(passbook.status())
                && Section.OK.equals(upcomingActivities.status()) && Section.OK.equals(activeVouchers.status());
    }
}
