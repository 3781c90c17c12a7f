package org.communitypoints.gateway;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/** What a front-end developer generating a client needs from the public document, checked the same way everywhere. */
final class OpenApiChecks {

    private static final String SCHEMA_REF = "#/components/schemas/";

    private OpenApiChecks() {
    }

    /**
     * What swagger-parser finds wrong with the document read as OpenAPI 3.1 (missing or misplaced fields,
     * unresolvable references); empty when it is valid.
     */
    static List<String> problemsAsOpenApi31(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        List<String> problems = new ArrayList<>(result.getMessages() == null ? List.of() : result.getMessages());
        if (result.getOpenAPI() == null) {
            problems.add("not read as OpenAPI at all");
        } else if (result.getOpenAPI().getSpecVersion() != SpecVersion.V31) {
            problems.add("read as " + result.getOpenAPI().getSpecVersion() + ", not OpenAPI 3.1");
        }
        return problems;
    }

    /**
     * Every object schema with properties that some answer can carry (directly, through a reference, an array, a
     * map or a composition) and that lists no required property: where a generated client would type every
     * field as possibly undefined. Named by where it was found.
     */
    static List<String> responseObjectsWithoutRequired(JsonNode document) {
        JsonNode schemas = document.path("components").path("schemas");
        Deque<Located> pending = new ArrayDeque<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(
                operation -> operation.getValue().path("responses").fields().forEachRemaining(
                        response -> response.getValue().path("content").fields().forEachRemaining(
                                media -> pending.add(new Located(media.getValue().path("schema"),
                                        operation.getKey() + " " + path.getKey() + " " + response.getKey()))))));
        List<String> missing = new ArrayList<>();
        Set<String> seenNames = new HashSet<>();
        while (!pending.isEmpty()) {
            Located next = pending.pop();
            JsonNode schema = next.schema();
            String ref = schema.path("$ref").asText("");
            if (ref.startsWith(SCHEMA_REF)) {
                String name = ref.substring(SCHEMA_REF.length());
                if (seenNames.add(name)) {
                    pending.push(new Located(schemas.path(name), "components.schemas." + name));
                }
            }
            JsonNode properties = schema.path("properties");
            if (properties.isObject() && !properties.isEmpty() && schema.path("required").isEmpty()) {
                missing.add(next.where());
            }
            properties.fields().forEachRemaining(
                    property -> pending.push(new Located(property.getValue(), next.where() + "." + property.getKey())));
            for (String child : List.of("items", "additionalProperties")) {
                if (schema.path(child).isObject()) {
                    pending.push(new Located(schema.path(child), next.where() + "." + child));
                }
            }
            for (String composition : List.of("allOf", "anyOf", "oneOf")) {
                schema.path(composition).forEach(branch -> pending.push(new Located(branch, next.where() + "." + composition)));
            }
        }
        return missing;
    }

    private record Located(JsonNode schema, String where) {
    }
}
