package org.communitypoints.catalog.service;

/**
 * More redemption work than the catalog takes on at once ({@link RedemptionAdmissionService}); nothing was done. Answered 503
 * SERVICE_UNAVAILABLE with Retry-After (rest/CatalogBusyMapper): the code clients already retry on.
 */
public class CatalogBusyException extends RuntimeException {

    public CatalogBusyException() {
        super("Redemption work at its limit", null, false, false);
    }
}
