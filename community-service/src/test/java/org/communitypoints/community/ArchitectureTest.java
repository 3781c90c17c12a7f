package org.communitypoints.community;

import org.communitypoints.testsupport.architecture.ServiceArchitectureChecks;

/** community-service follows the one shape of every service (ARCHITECTURE.md). */
class ArchitectureTest extends ServiceArchitectureChecks {

    @Override
    protected String basePackage() {
        return "org.communitypoints.community";
    }
}
