package org.communitypoints.catalog;

import org.communitypoints.testsupport.ServiceFoundationChecks;
import org.communitypoints.testsupport.Tokens;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ServiceFoundationTest extends ServiceFoundationChecks {

    @Override
    protected String serviceName() {
        return "catalog-service";
    }

    @Override
    protected String jsonEndpoint() {
        return "/api/catalog/redemptions";
    }

    @Override
    protected String tokenForJsonEndpoint() {
        return Tokens.resident("resident-foundation", "wutong");
    }
}
