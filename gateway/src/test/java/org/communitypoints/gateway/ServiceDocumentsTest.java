package org.communitypoints.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.communitypoints.gateway.openapi.PublicApiDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The public document built from the services' real documents: the ones each service writes at build
 * ({@code target/openapi/openapi.json}, platform-web's {@code quarkus.smallrye-openapi.store-schema-directory}).
 * The reactor builds the services before the gateway; building the gateway alone needs them built first
 * ({@code ./mvnw install -DskipTests}).
 */
@QuarkusTest
class ServiceDocumentsTest {

    private static final Path MODULES = Path.of("..");

    @Inject
    PublicApiDocument document;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void serveTheServicesRealDocuments() throws IOException {
        StandInServices.resetAll();
        document.invalidate();
        for (String service : StandInServices.NAMES) {
            StandInServices.service(service).stubFor(get(urlPathEqualTo("/q/openapi"))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withBody(Files.readString(storedDocument(service)))));
        }
    }

    @Test
    void theMergedDocumentOfTheRealServicesIsValidOpenApi31() {
        String merged = given().when().get("/openapi").then().statusCode(200).extract().asString();

        assertEquals(List.of(), OpenApiChecks.problemsAsOpenApi31(merged));
    }

    @Test
    void everyPublicPathOfEveryServiceIsInTheMergedDocument() throws IOException {
        JsonNode merged = json.readTree(given().when().get("/openapi").then().statusCode(200).extract().asString());

        List<String> missing = new ArrayList<>();
        for (String service : StandInServices.NAMES) {
            JsonNode own = json.readTree(storedDocument(service).toFile());
            own.path("paths").fieldNames().forEachRemaining(path -> {
                if (path.startsWith("/api/") && !merged.path("paths").has(path)) {
                    missing.add(service + " " + path);
                }
            });
            assertTrue(own.path("paths").size() > 0, service + " documents no path");
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyObjectAnAnswerOfTheRealServicesCarriesListsWhatItAlwaysHas() throws IOException {
        JsonNode merged = json.readTree(given().when().get("/openapi").then().statusCode(200).extract().asString());

        assertEquals(List.of(), OpenApiChecks.responseObjectsWithoutRequired(merged));
    }

    private static Path storedDocument(String service) {
        Path stored = MODULES.resolve(service + "-service").resolve("target/openapi/openapi.json");
        assertTrue(Files.isRegularFile(stored), stored.toAbsolutePath().normalize()
                + " is missing: build the services before the gateway (./mvnw install -DskipTests)");
        return stored;
    }
}
