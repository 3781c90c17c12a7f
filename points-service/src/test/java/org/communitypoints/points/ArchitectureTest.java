package org.communitypoints.points;

import org.communitypoints.testsupport.architecture.ServiceArchitectureChecks;

/** points-service follows the one shape of every service (ARCHITECTURE.md). */
class ArchitectureTest extends ServiceArchitectureChecks {

    @Override
    protected String basePackage() {
        return "org.communitypoints.points";
    }
}
