package org.communitypoints.gateway;

import org.communitypoints.testsupport.OidcResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** The OIDC test server and the stand-in services, for every test of the gateway, started once per test JVM. */
@WithTestResource(value = OidcResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StandInServices.class, scope = TestResourceScope.GLOBAL)
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
