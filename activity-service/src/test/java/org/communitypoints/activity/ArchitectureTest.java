package org.communitypoints.activity;

import org.communitypoints.testsupport.architecture.ServiceArchitectureChecks;

/** activity-service follows the one shape of ARCHITECTURE.md. */
class ArchitectureTest extends ServiceArchitectureChecks {

    @Override
    protected String basePackage() {
        return "org.communitypoints.activity";
    }
}
