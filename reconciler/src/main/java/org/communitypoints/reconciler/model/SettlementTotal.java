package org.communitypoints.reconciler.model;

/**
 * What catalog-service says a partner is owed for captured vouchers (resident points and subsidy), over
 * the whole history the run covers.
 *
 * @param source where the figure comes from: the settlement endpoint, or the redemption export when
 *        the endpoint refuses the reconciler
 */
public record SettlementTotal(String communityId, String partnerId, long points, long vouchers, String source) {
}
