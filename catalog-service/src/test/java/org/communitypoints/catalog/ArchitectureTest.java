package org.communitypoints.catalog;

import org.communitypoints.testsupport.architecture.ServiceArchitectureChecks;

/** catalog-service follows the one shape of every service (ARCHITECTURE.md). */
class ArchitectureTest extends ServiceArchitectureChecks {

    @Override
    protected String basePackage() {
        return "org.communitypoints.catalog";
    }
}
