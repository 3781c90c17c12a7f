package org.communitypoints.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.communitypoints.localstack.DemoUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Walks the gateway's merged OpenAPI document: every operation, as every role and with no token, with
 * well-formed and broken bodies, parameters and headers. Whatever is sent, no answer is a 5xx and every
 * error is application/problem+json with a stable code; a caller without a token gets 401 and a caller
 * without the operation's role gets 403, whatever else is wrong with the request (authorization is decided
 * before validation and content negotiation).
 *
 * <p>
 * Ids in paths are random, so nothing the walk sends can name an existing record: it can be refused, never
 * change another test's data.
 */
@ExtendWith(StackDiagnostics.class)
class OpenApiWalkIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STABLE_CODE = Pattern.compile("[A-Z][A-Z0-9_]+");
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");
    private static final RestAssuredConfig UTF8 = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().defaultContentCharset("UTF-8")
                    .appendDefaultContentCharsetToContentTypeIfUndefined(false));

    private static Suite suite;
    private static JsonNode document;
    /** One demo user per role, as the local identity provider's configuration names them. */
    private static final Map<String, String> USER_BY_ROLE = new LinkedHashMap<>();

    private final List<String> failures = new ArrayList<>();
    private int requests;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = Suite.get();
        DemoUsers users = DemoUsers.read(suite.repository().resolve(Path.of("keycloak", "mock-oauth2-server.json")));
        for (DemoUsers.Person person : users.people()) {
            USER_BY_ROLE.putIfAbsent(person.role(), person.username());
        }
        USER_BY_ROLE.put(users.reconciler().role(), DemoUsers.RECONCILER_CLIENT);
        document = JSON.readTree(given().baseUri(suite.gatewayUrl()).get("/openapi").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void everyOperationAnswersEveryCallerWithoutA5xxAndRefusesBeforeItValidates() throws Exception {
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    operations++;
                    walk(method, path.getKey(), operation);
                }
            }
        }
        System.out.printf("OpenAPI walk: %d operations, %d requests, %d failures%n", operations, requests, failures.size());
        assertTrue(operations > 40, "the merged document lists the services' operations: " + operations);
        assertEquals(List.of(), failures, "answers that break the API's rules");
    }

    private void walk(String method, String template, JsonNode operation) throws Exception {
        List<String> roles = new ArrayList<>();
        operation.path("security").forEach(requirement -> requirement.elements()
                .forEachRemaining(scopes -> scopes.forEach(role -> roles.add(role.asText()))));
        String url = fillPath(template, operation);
        boolean hasBody = operation.has("requestBody");

        if (!roles.isEmpty()) {
            // Without a token: 401, however broken the request is.
            expect(401, method, url, operation, null, Variant.BROKEN_EVERYTHING);
        }
        for (Map.Entry<String, String> caller : USER_BY_ROLE.entrySet()) {
            String role = caller.getKey();
            if (!roles.isEmpty() && !roles.contains(role)) {
                // Another role: 403 before any validation or content negotiation.
                expect(403, method, url, operation, role, Variant.PLAIN);
                expect(403, method, url, operation, role, Variant.BROKEN_EVERYTHING);
                continue;
            }
            for (Variant variant : Variant.values()) {
                if (!hasBody && variant.isAboutTheBody()) {
                    continue;
                }
                expect(0, method, url, operation, role, variant);
            }
        }
    }

    /** The ways the walk sends a request. */
    private enum Variant {
        /** The parameters filled as their schema says, a body of the schema's shape. */
        PLAIN,
        /** Every query parameter unparsable for its type, the Idempotency-Key malformed. */
        BROKEN_PARAMETERS,
        /** A body that is not JSON. */
        MALFORMED_BODY,
        /** A JSON array where an object is expected. */
        WRONG_SHAPE_BODY,
        /** Every text of the body carrying a NUL and a bell character, every number beyond 64 bits. */
        HOSTILE_VALUES,
        /** Broken parameters and body, a media type nobody serves, a content type nobody reads. */
        BROKEN_EVERYTHING;

        boolean isAboutTheBody() {
            return this == MALFORMED_BODY || this == WRONG_SHAPE_BODY || this == HOSTILE_VALUES;
        }
    }

    /**
     * @param expected the status the answer must have, or 0 for "any, but no 5xx"
     * @param role the caller's role, or null for a request without a token
     */
    private void expect(int expected, String method, String url, JsonNode operation, String role, Variant variant)
            throws Exception {
        RequestSpecification request = given().config(UTF8).baseUri(suite.gatewayUrl()).urlEncodingEnabled(false);
        if (role != null) {
            request.auth().oauth2(suite.tokens().tokenFor(USER_BY_ROLE.get(role)));
        }
        boolean broken = variant == Variant.BROKEN_PARAMETERS || variant == Variant.BROKEN_EVERYTHING;
        for (JsonNode parameter : operation.path("parameters")) {
            String name = parameter.path("name").asText();
            switch (parameter.path("in").asText()) {
                case "query" -> request.queryParam(name, broken ? brokenValue(parameter) : plainValue(parameter));
                case "header" -> request.header(name, broken ? "not a key!" : "walk-" + UUID.randomUUID());
                default -> {
                    // path parameters are already in the url
                }
            }
        }
        request.accept(variant == Variant.BROKEN_EVERYTHING ? "application/xml" : producedType(operation));
        if (operation.has("requestBody") || variant == Variant.BROKEN_EVERYTHING) {
            switch (variant) {
                case MALFORMED_BODY -> request.contentType("application/json").body("{\"unfinished\": ");
                case WRONG_SHAPE_BODY -> request.contentType("application/json").body("[1, 2, 3]");
                case HOSTILE_VALUES -> request.contentType("application/json").body(bodyOf(operation, true));
                case BROKEN_EVERYTHING -> request.contentType("text/plain").body("\u0000 not json");
                default -> request.contentType("application/json").body(bodyOf(operation, false));
            }
        }
        requests++;
        Response response = request.request(method.toUpperCase(), url);
        String what = method.toUpperCase() + " " + url + " as " + (role == null ? "nobody" : role) + " ("
                + variant + ")";
        int status = response.statusCode();
        if (expected != 0 && status != expected) {
            failures.add(what + ": " + status + " where " + expected + " was due: " + shorten(response.asString()));
            return;
        }
        if (status >= 500) {
            failures.add(what + ": " + status + " " + shorten(response.asString()));
            return;
        }
        if (status >= 400) {
            String type = String.valueOf(response.contentType());
            String code = null;
            try {
                code = JSON.readTree(response.asString()).path("code").asText(null);
            } catch (Exception e) {
                // reported below as not problem+json
            }
            if (!type.startsWith("application/problem+json") || code == null || !STABLE_CODE.matcher(code).matches()) {
                failures.add(what + ": " + status + " is not problem+json with a stable code (" + type + "): "
                        + shorten(response.asString()));
            }
        }
    }

    private static String fillPath(String template, JsonNode operation) {
        String url = template;
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("in").asText().equals("path")) {
                url = url.replace("{" + parameter.path("name").asText() + "}", plainValue(parameter));
            }
        }
        return url;
    }

    private static String plainValue(JsonNode parameter) {
        JsonNode schema = resolve(parameter.path("schema"));
        String type = schema.path("type").asText("string");
        String format = schema.path("format").asText("");
        if (schema.has("enum")) {
            return schema.path("enum").path(0).asText();
        }
        return switch (type) {
            case "integer", "number" -> "1";
            case "boolean" -> "true";
            default -> switch (format) {
                case "uuid" -> UUID.randomUUID().toString();
                case "date" -> "2026-11-01";
                case "date-time" -> "2026-11-01T08:00:00Z";
                default -> parameter.path("name").asText().toLowerCase().contains("month") ? "2026-11"
                        : "walk-" + UUID.randomUUID().toString().substring(0, 8);
            };
        };
    }

    private static String brokenValue(JsonNode parameter) {
        JsonNode schema = resolve(parameter.path("schema"));
        String type = schema.path("type").asText("string");
        if (type.equals("integer") || type.equals("number")) {
            return "99999999999999999999999";
        }
        // a NUL and text no date, uuid, enum or boolean parses
        return "maybe%00yesterday";
    }

    private static String producedType(JsonNode operation) {
        for (JsonNode response : operation.path("responses")) {
            Iterator<String> types = response.path("content").fieldNames();
            while (types.hasNext()) {
                String type = types.next();
                if (!type.equals("application/problem+json")) {
                    return type;
                }
            }
        }
        return "application/json";
    }

    private static String bodyOf(JsonNode operation, boolean hostile) {
        JsonNode content = operation.path("requestBody").path("content");
        JsonNode schema = resolve(content.path("application/json").path("schema"));
        return valueOf(schema, hostile, 0).toString();
    }

    private static JsonNode valueOf(JsonNode schema, boolean hostile, int depth) {
        schema = resolve(schema);
        String type = schema.path("type").isArray() ? schema.path("type").path(0).asText()
                : schema.path("type").asText("object");
        if (schema.has("enum")) {
            return JSON.getNodeFactory().textNode(hostile ? "\u0000" : schema.path("enum").path(0).asText());
        }
        switch (type) {
            case "integer":
            case "number":
                return hostile ? JSON.getNodeFactory().numberNode(new java.math.BigInteger("99999999999999999999999"))
                        : JSON.getNodeFactory().numberNode(1);
            case "boolean":
                return JSON.getNodeFactory().booleanNode(true);
            case "array":
                return depth > 3 ? JSON.createArrayNode()
                        : JSON.createArrayNode().add(valueOf(schema.path("items"), hostile, depth + 1));
            case "string":
                return JSON.getNodeFactory().textNode(hostile ? "walk\u0000\u0007" : stringFor(schema));
            default:
                ObjectNode object = JSON.createObjectNode();
                if (depth <= 3) {
                    schema.path("properties").fields()
                            .forEachRemaining(property -> object.set(property.getKey(),
                                    valueOf(property.getValue(), hostile, depth + 1)));
                }
                return object;
        }
    }

    private static String stringFor(JsonNode schema) {
        return switch (schema.path("format").asText("")) {
            case "uuid" -> UUID.randomUUID().toString();
            case "date" -> "2026-11-01";
            case "date-time" -> "2026-11-01T08:00:00Z";
            default -> "walk";
        };
    }

    private static JsonNode resolve(JsonNode schema) {
        int hops = 0;
        while (schema.has("$ref") && hops++ < 10) {
            String ref = schema.path("$ref").asText();
            schema = document.at(ref.substring(1));
        }
        if (schema.has("allOf") && schema.path("allOf").size() == 1) {
            return resolve(schema.path("allOf").path(0));
        }
        if (schema.has("anyOf") || schema.has("oneOf")) {
            JsonNode options = schema.has("anyOf") ? schema.path("anyOf") : schema.path("oneOf");
            for (JsonNode option : options) {
                if (!option.path("type").asText().equals("null")) {
                    return resolve(option);
                }
            }
        }
        return schema;
    }

    private static String shorten(String body) {
        String oneLine = body.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
