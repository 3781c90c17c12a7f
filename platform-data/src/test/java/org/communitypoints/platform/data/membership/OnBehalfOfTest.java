package org.communitypoints.platform.data.membership;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.communitypoints.contracts.events.ProxyChanged.Scope;
import org.communitypoints.testsupport.KafkaResource;
import org.communitypoints.testsupport.OidcResource;
import org.communitypoints.testsupport.PostgresResource;
import org.communitypoints.testsupport.Registry;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** On-Behalf-Of against the copy's proxy grants, which arrive through the real broker. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(OidcResource.class)
class OnBehalfOfTest {

    private static final Registry REGISTRY = Registry.forTests();
    private static final Instant NEXT_MONTH = Instant.now().plus(Duration.ofDays(30));

    @AfterAll
    static void closeRegistry() {
        REGISTRY.close();
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID();
    }

    @Test
    void aProxyWithTheScopeActsForTheResidentAndIsRecordedAsWhoActed() {
        String grandma = unique("grandma-zhao");
        String son = unique("son-zhao");
        REGISTRY.grant("wutong", grandma, son, NEXT_MONTH, Scope.SIGN_UP, Scope.REDEEM);

        given().auth().oauth2(Tokens.resident(son, "wutong")).header(OnBehalfOfFilter.HEADER, grandma)
                .when().post("/acting/sign-up")
                .then().statusCode(200).body("memberId", is(grandma)).body("actedBy", is(son));
    }

    @Test
    void withoutTheHeaderTheCallerActsForThemself() {
        given().auth().oauth2(Tokens.resident("li-mei", "wutong"))
                .when().post("/acting/sign-up")
                .then().statusCode(200).body("memberId", is("li-mei")).body("actedBy", nullValue());
    }

    @Test
    void aGrantWithoutTheMethodsScopeIsRefused() {
        String grandma = unique("grandma-qian");
        String son = unique("son-qian");
        REGISTRY.grant("wutong", grandma, son, NEXT_MONTH, Scope.PASSBOOK_READ, Scope.REDEEM);

        refused(son, grandma);
    }

    @Test
    void anExpiredGrantIsRefused() {
        String grandma = unique("grandma-sun");
        String son = unique("son-sun");
        REGISTRY.grant("wutong", grandma, son, Instant.now().minus(Duration.ofMinutes(1)), Scope.SIGN_UP);

        refused(son, grandma);
    }

    @Test
    void aRevokedGrantIsRefused() {
        String grandma = unique("grandma-li");
        String son = unique("son-li");
        UUID grant = REGISTRY.grant("wutong", grandma, son, NEXT_MONTH, Scope.SIGN_UP);
        REGISTRY.revoke("wutong", grant, grandma, son, Scope.SIGN_UP);

        refused(son, grandma);
    }

    @Test
    void aGrantInAnotherCommunityDoesNotCountHere() {
        String grandma = unique("grandma-zhou");
        String son = unique("son-zhou");
        REGISTRY.grant("ximalu", grandma, son, NEXT_MONTH, Scope.SIGN_UP);

        refused(son, grandma);
    }

    @Test
    void noGrantAtAllIsRefused() {
        refused(unique("stranger"), unique("grandma-wu"));
    }

    @Test
    void aMethodThatTakesNoProxyRefusesTheHeaderInsteadOfActingForTheCaller() {
        String grandma = unique("grandma-zheng");
        String son = unique("son-zheng");
        REGISTRY.grant("wutong", grandma, son, NEXT_MONTH, Scope.SIGN_UP);

        given().auth().oauth2(Tokens.resident(son, "wutong")).header(OnBehalfOfFilter.HEADER, grandma)
                .when().post("/acting/check-in")
                .then().statusCode(400).body("code", is("ON_BEHALF_NOT_ACCEPTED"));
    }

    @Test
    void anAnonymousCallerIsAskedToSignInBeforeTheHeaderIsLookedAt() {
        given().header(OnBehalfOfFilter.HEADER, "grandma-anyone")
                .when().post("/acting/sign-up")
                .then().statusCode(401);
    }

    private static void refused(String proxy, String member) {
        given().auth().oauth2(Tokens.resident(proxy, "wutong")).header(OnBehalfOfFilter.HEADER, member)
                .header("Accept-Language", "en")
                .when().post("/acting/sign-up")
                .then().statusCode(403).body("code", is("PROXY_NOT_ALLOWED"))
                .body("detail", is("You have no standing authorisation to do this for " + member
                        + " (it may not cover this, have expired or been revoked)."));
    }
}
