package org.communitypoints.platform.web.openapi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The suite's one rule for {@code required} in the OpenAPI documents: every property of an object schema
 * that a response can carry is required unless it may be null. "May be null" is what SmallRye writes for a
 * record component annotated {@code @Schema(nullable = true)} or typed {@code Optional<...>}: a type list
 * containing {@code "null"}, or {@code anyOf}/{@code oneOf} with a {@code {"type": "null"}} branch.
 * <p>
 * Without it SmallRye marks a property required only for Bean Validation's {@code @NotNull}, {@code @NotBlank},
 * {@code @NotEmpty} or {@code @Schema(required = true)}, so a client generated from the document (openapi-typescript,
 * say) types every field of every answer as possibly undefined. Schemas that only request bodies use keep
 * SmallRye's own requirements, so a request field a client may leave out is not demanded. A schema that both a
 * request and a response use follows this rule: what can be null going in can be null coming out, so it is
 * annotated nullable once and optional both ways.
 * <p>
 * Runs at build time, so the document each service serves and the one it stores at build
 * ({@code quarkus.smallrye-openapi.store-schema-directory}) agree. Found by Quarkus in any service that depends
 * on platform-web (the module is a bean archive, so its {@code @OpenApiFilter} classes are indexed).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ResponseFieldsRequired implements OASFilter {

    private static final String SCHEMA_REF_PREFIX = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Map<String, Schema> named = openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null
                ? Map.of()
                : openAPI.getComponents().getSchemas();
        Deque<Schema> pending = new ArrayDeque<>();
        responsesOf(openAPI).map(APIResponse::getContent).filter(Objects::nonNull).map(Content::getMediaTypes)
                .filter(Objects::nonNull).flatMap(media -> media.values().stream()).map(MediaType::getSchema)
                .filter(Objects::nonNull).forEach(pending::add);
        Set<Schema> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!pending.isEmpty()) {
            Schema schema = pending.pop();
            if (!seen.add(schema)) {
                continue;
            }
            Schema target = referenced(schema, named);
            if (target != null) {
                pending.push(target);
            }
            requireWhatCannotBeNull(schema, named);
            children(schema).forEach(pending::push);
        }
    }

    private static Stream<APIResponse> responsesOf(OpenAPI openAPI) {
        Stream<APIResponse> fromOperations = openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null
                ? Stream.empty()
                : openAPI.getPaths().getPathItems().values().stream()
                        .flatMap(item -> item.getOperations() == null ? Stream.empty() : item.getOperations().values().stream())
                        .map(Operation::getResponses)
                        .filter(responses -> responses != null && responses.getAPIResponses() != null)
                        .flatMap(responses -> responses.getAPIResponses().values().stream());
        Stream<APIResponse> shared = openAPI.getComponents() == null || openAPI.getComponents().getResponses() == null
                ? Stream.empty()
                : openAPI.getComponents().getResponses().values().stream();
        return Stream.concat(fromOperations, shared).filter(Objects::nonNull);
    }

    private static void requireWhatCannotBeNull(Schema schema, Map<String, Schema> named) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties == null || properties.isEmpty()) {
            return;
        }
        Set<String> required = new LinkedHashSet<>();
        properties.forEach((name, property) -> {
            if (!mayBeNull(property, named)) {
                required.add(name);
            }
        });
        if (schema.getRequired() != null) {
            required.addAll(schema.getRequired());
        }
        if (!required.isEmpty()) {
            schema.setRequired(new ArrayList<>(required));
        }
    }

    /** Whether a property's schema admits null: what SmallRye writes for {@code @Schema(nullable = true)} and Optional. */
    static boolean mayBeNull(Schema property, Map<String, Schema> named) {
        if (property == null) {
            return true;
        }
        if (includesNull(property.getType())) {
            return true;
        }
        if (hasNullBranch(property.getAnyOf()) || hasNullBranch(property.getOneOf())) {
            return true;
        }
        Schema target = referenced(property, named);
        return target != null && target != property && includesNull(target.getType());
    }

    private static boolean includesNull(List<Schema.SchemaType> types) {
        return types != null && types.contains(Schema.SchemaType.NULL);
    }

    private static boolean hasNullBranch(List<Schema> branches) {
        return branches != null && branches.stream().anyMatch(branch -> branch != null && branch.getRef() == null
                && List.of(Schema.SchemaType.NULL).equals(branch.getType()));
    }

    private static Schema referenced(Schema schema, Map<String, Schema> named) {
        String ref = schema.getRef();
        return ref != null && ref.startsWith(SCHEMA_REF_PREFIX) ? named.get(ref.substring(SCHEMA_REF_PREFIX.length())) : null;
    }

    private static List<Schema> children(Schema schema) {
        List<Schema> children = new ArrayList<>();
        if (schema.getProperties() != null) {
            children.addAll(schema.getProperties().values());
        }
        children.add(schema.getItems());
        children.add(schema.getAdditionalPropertiesSchema());
        Stream.of(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf(), schema.getPrefixItems())
                .filter(Objects::nonNull).forEach(children::addAll);
        children.removeIf(Objects::isNull);
        return children;
    }
}
