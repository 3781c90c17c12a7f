package org.communitypoints.community;

import org.communitypoints.testsupport.ServiceFoundationChecks;
import org.communitypoints.testsupport.Tokens;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ServiceFoundationTest extends ServiceFoundationChecks {

    @Override
    protected String serviceName() {
        return "community-service";
    }

    @Override
    protected String jsonEndpoint() {
        return "/api/community/residents";
    }

    @Override
    protected String tokenForJsonEndpoint() {
        return Tokens.staff("staff-foundation", "wutong");
    }
}
