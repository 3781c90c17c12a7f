package org.communitypoints.platform.web.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.communitypoints.testsupport.OidcResource;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The generated document of a service marks required what its answers always carry, and only that. */
@QuarkusTest
@WithTestResource(OidcResource.class)
class ResponseFieldsRequiredTest {

    public record Line(String text) {
    }

    public record Statement(
            String memberId,
            long balance,
            Integer count,
            Instant asOf,
            Line firstLine,
            List<Line> lines,
            @Schema(nullable = true) String nextCursor,
            Optional<String> note,
            @Schema(nullable = true) Line lastLine,
            Optional<Line> pendingLine,
            @Schema(nullable = true) Instant closedAt,
            @Schema(nullable = true) List<String> tags) {
    }

    public record Question(@NotBlank String topic, String note, Optional<String> detail) {
    }

    public record Label(String text, @Schema(nullable = true) String colour) {
    }

    @Path("/openapi-rule")
    public static class RuleResource {

        @GET
        @PermitAll
        public Statement statement() {
            return null;
        }

        @POST
        @PermitAll
        public Statement ask(Question question) {
            return null;
        }

        @PUT
        @PermitAll
        public Label relabel(Label label) {
            return label;
        }
    }

    @Test
    void everyResponseFieldThatCannotBeNullIsRequired() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("components.schemas.Statement.required",
                        containsInAnyOrder("memberId", "balance", "count", "asOf", "firstLine", "lines"));
    }

    @Test
    void schemasReachedThroughAResponseFollowTheRuleToo() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("components.schemas.Line.required", contains("text"));
    }

    @Test
    void nullableAndOptionalFieldsStayOptionalAndSayTheyMayBeNull() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("components.schemas.Statement.properties.nextCursor.type", containsInAnyOrder("string", "null"))
                .body("components.schemas.Statement.properties.note.type", containsInAnyOrder("string", "null"))
                .body("components.schemas.Statement.properties.pendingLine.anyOf.type", contains(nullValue(), is("null")));
    }

    @Test
    void aRequestOnlySchemaKeepsOnlyItsBeanValidationRequirements() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("components.schemas.Question.required", contains("topic"));
    }

    @Test
    void aSchemaUsedBothWaysFollowsTheResponseRule() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("components.schemas.Label.required", contains("text"));
    }
}
