package org.communitypoints.reconciler.model;

/** What catalog-service says a partner is owed for fulfilled vouchers, in points, over the whole history. */
public record PartnerSettlement(String partnerId, long points, long vouchers) {
}
