package org.communitypoints.gateway.openapi;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.communitypoints.gateway.balancing.UpstreamPool;
import org.communitypoints.gateway.balancing.Upstreams;
import org.communitypoints.gateway.config.GatewayConfig;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * The one OpenAPI document of the public API, served at {@code /openapi}: the gateway's own endpoints
 * (its generated /q/openapi) merged with each service's generated /q/openapi, fetched at request time
 * so it always describes the versions actually running. The gateway adds the answers it gives itself
 * (401, 403, 413, 429, 502-504) to every operation. A service that cannot be reached is listed under
 * {@code x-unavailable-services} and its paths are missing until it is back.
 */
@ApplicationScoped
public class PublicApiDocument {

    public static final String PATH = "/openapi";
    private static final Logger LOG = Logger.getLogger(PublicApiDocument.class);
    private static final long FRESH_MILLIS = 30_000;
    private static final long PARTIAL_FRESH_MILLIS = 5_000;
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    private final GatewayConfig config;
    private final Upstreams upstreams;
    private final ObjectMapper json;
    private WebClient client;
    private volatile Cached cached;

    public PublicApiDocument(GatewayConfig config, Upstreams upstreams, ObjectMapper json) {
        this.config = config;
        this.upstreams = upstreams;
        this.json = json;
    }

    void install(@Observes Router router, Vertx vertx) {
        client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(2000).setIdleTimeout(5));
        router.get(PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        Cached current = cached;
        if (current != null && current.freshUntil > System.currentTimeMillis()) {
            send(ctx, current.document);
            return;
        }
        int ownPort = ctx.request().localAddress().port();
        Future<JsonNode> own = parsed("gateway", send(URI.create("http://127.0.0.1:" + ownPort)));
        Map<String, Future<JsonNode>> services = new LinkedHashMap<>();
        config.downstreams().forEach((name, downstream) -> services.put(name, parsed(name,
                // Asked as the proxy connects: asking only the instance whose turn it was dropped a whole service
                // from the document whenever that one instance was down.
                UpstreamPool.onFirstTaking(upstreams.of(name).order(), instance -> send(instance.url())))));
        List<Future<JsonNode>> all = new ArrayList<>(services.values());
        all.add(own);
        Future.join(all).onComplete(done -> {
            if (own.failed()) {
                ctx.fail(500, own.cause());
                return;
            }
            Map<String, JsonNode> available = new LinkedHashMap<>();
            List<String> unavailable = new ArrayList<>();
            services.forEach((name, doc) -> {
                if (doc.succeeded()) {
                    available.put(name, doc.result());
                } else {
                    unavailable.add(name);
                }
            });
            ObjectNode merged = merge(own.result(), available, unavailable);
            String text = merged.toPrettyString();
            long ttl = unavailable.isEmpty() ? FRESH_MILLIS : PARTIAL_FRESH_MILLIS;
            cached = new Cached(text, System.currentTimeMillis() + ttl);
            send(ctx, text);
        });
    }

    /** Forgets the cached document, so the next request fetches every part again. */
    public void invalidate() {
        cached = null;
    }

    private static void send(RoutingContext ctx, String document) {
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(document);
    }

    private Future<HttpResponse<Buffer>> send(URI baseUrl) {
        return client.getAbs(baseUrl.toString().replaceAll("/+$", "") + "/q/openapi?format=json")
                .timeout(3000)
                .putHeader("Accept", "application/json")
                .send();
    }

    private Future<JsonNode> parsed(String name, Future<HttpResponse<Buffer>> answer) {
        return answer.compose(response -> parse(name, response))
                .onFailure(failure -> LOG.warnf("OpenAPI document of %s not available: %s", name, failure.getMessage()));
    }

    private Future<JsonNode> parse(String name, HttpResponse<Buffer> response) {
        if (response.statusCode() != 200) {
            return Future.failedFuture(name + " answered " + response.statusCode());
        }
        try {
            return Future.succeededFuture(json.readTree(response.bodyAsString()));
        } catch (Exception e) {
            return Future.failedFuture(e);
        }
    }

    /** Visible for tests: the pure merge, without fetching. */
    ObjectNode merge(JsonNode own, Map<String, JsonNode> services, List<String> unavailable) {
        ObjectNode merged = json.createObjectNode();
        merged.put("openapi", own.path("openapi").asText("3.1.0"));
        ObjectNode info = merged.putObject("info");
        info.put("title", own.path("info").path("title").asText("Community points API"));
        info.put("version", own.path("info").path("version").asText("1.0.0"));
        info.put("description", "The public API of the community points suite, served by the gateway. "
                + "Every /api route needs a bearer access token from the community identity provider. "
                + "Errors are application/problem+json with a stable code; title and detail are in Chinese unless "
                + "Accept-Language prefers English (Content-Language says which). "
                + "Any request may carry X-Correlation-Id (1-64 characters of A-Z a-z 0-9 . _ -); the answer carries it "
                + "back (a new one when none was sent), quote it when reporting a problem. "
                + "Each user may make " + config.rateLimit().capacity() + " requests at once and "
                + config.rateLimit().refillPerSecond() + " per second after that (429 with Retry-After). "
                + (unavailable.isEmpty() ? ""
                        : "Not included right now (service not reachable): " + String.join(", ", unavailable) + "."));
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        ArrayNode tags = merged.putArray("tags");

        addDocument(merged, "gateway", own, "/api/", false);
        services.forEach((name, doc) -> addDocument(merged, name, doc, GatewayConfig.prefixOf(name), true));

        if (!components.path("schemas").has("Problem")) {
            components.with("schemas").set("Problem", problemSchema());
        }
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (operation.getValue().isObject() && isOperation(operation.getKey())) {
                addGatewayResponses((ObjectNode) operation.getValue(), !path.getKey().equals("/api/home"));
            }
        }));
        ArrayNode missing = merged.putArray("x-unavailable-services");
        unavailable.forEach(missing::add);
        if (tags.isEmpty()) {
            merged.remove("tags");
        }
        return merged;
    }

    private void addDocument(ObjectNode merged, String name, JsonNode doc, String prefix, boolean proxied) {
        ObjectNode source = doc.deepCopy();
        ObjectNode components = (ObjectNode) merged.get("components");
        // A schema name the merged document already uses for something else is renamed within this document.
        Map<String, String> renames = new LinkedHashMap<>();
        source.path("components").path("schemas").fields().forEachRemaining(schema -> {
            JsonNode existing = components.path("schemas").get(schema.getKey());
            if (existing != null && !existing.equals(schema.getValue())) {
                renames.put(schema.getKey(), capitalize(name) + schema.getKey());
            }
        });
        if (!renames.isEmpty()) {
            rewriteRefs(source, renames);
        }
        source.path("components").fields().forEachRemaining(section -> {
            ObjectNode target = components.with(section.getKey());
            section.getValue().fields().forEachRemaining(entry -> {
                String key = section.getKey().equals("schemas") ? renames.getOrDefault(entry.getKey(), entry.getKey())
                        : entry.getKey();
                if (!target.has(key)) {
                    target.set(key, entry.getValue());
                }
            });
        });
        ObjectNode paths = (ObjectNode) merged.get("paths");
        source.path("paths").fields().forEachRemaining(path -> {
            String publicPath = path.getKey().startsWith("/api/") ? path.getKey() : prefix + path.getKey();
            if (publicPath.startsWith(prefix) && !paths.has(publicPath)) {
                paths.set(publicPath, path.getValue());
            }
        });
        ArrayNode tags = (ArrayNode) merged.get("tags");
        source.path("tags").forEach(tag -> {
            boolean known = false;
            for (JsonNode existing : tags) {
                known |= existing.path("name").equals(tag.path("name"));
            }
            if (!known) {
                tags.add(tag);
            }
        });
        if (proxied) {
            LOG.debugf("Merged OpenAPI of %s (%d schema renames)", name, renames.size());
        }
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renames) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#/components/schemas/")) {
                String target = ref.asText().substring("#/components/schemas/".length());
                if (renames.containsKey(target)) {
                    object.put("$ref", "#/components/schemas/" + renames.get(target));
                }
            }
            object.fields().forEachRemaining(field -> rewriteRefs(field.getValue(), renames));
        } else if (node.isArray()) {
            node.forEach(child -> rewriteRefs(child, renames));
        }
    }

    private void addGatewayResponses(ObjectNode operation, boolean proxied) {
        ObjectNode responses = operation.with("responses");
        putIfAbsent(responses, "401", "No valid access token (missing, expired, wrongly signed, wrong issuer or audience).");
        putIfAbsent(responses, "403", "The token's roles do not allow this.");
        putIfAbsent(responses, "429", "Too many requests from this user; see the Retry-After header.");
        if (operation.has("requestBody")) {
            putIfAbsent(responses, "413", "The request body is larger than the gateway accepts.");
        }
        if (proxied) {
            putIfAbsent(responses, "502", "The service gave no usable answer.");
            putIfAbsent(responses, "503", "The service is down or its circuit is open; see Retry-After.");
            putIfAbsent(responses, "504", "The service did not answer in time.");
        }
    }

    /** Adds the gateway's answer; one a service documented keeps its description but gets the problem body. */
    private void putIfAbsent(ObjectNode responses, String status, String description) {
        ObjectNode response = responses.has(status) ? (ObjectNode) responses.get(status) : responses.putObject(status);
        if (!response.has("description")) {
            response.put("description", description);
        }
        if (response.has("content")) {
            return;
        }
        response.putObject("content").putObject("application/problem+json").putObject("schema").put("$ref", PROBLEM_REF);
    }

    private ObjectNode problemSchema() {
        ObjectNode schema = json.createObjectNode();
        schema.put("type", "object");
        schema.put("description", "RFC 9457 problem details; clients branch on code, show detail.");
        // Every problem the suite writes (Problems.json, the services' mappers) has these; errors only for validation.
        ArrayNode required = schema.putArray("required");
        List.of("type", "title", "status", "detail", "instance", "code").forEach(required::add);
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("type").put("type", "string");
        properties.putObject("title").put("type", "string");
        properties.putObject("status").put("type", "integer");
        properties.putObject("detail").put("type", "string");
        properties.putObject("instance").put("type", "string");
        properties.putObject("code").put("type", "string").put("description", "Stable machine code, e.g. INSUFFICIENT_POINTS");
        ObjectNode errors = properties.putObject("errors");
        errors.put("type", "array");
        ObjectNode item = errors.putObject("items");
        item.put("type", "object");
        item.putArray("required").add("field").add("message");
        item.putObject("properties").putObject("field").put("type", "string");
        ((ObjectNode) item.get("properties")).putObject("message").put("type", "string");
        return schema;
    }

    private static boolean isOperation(String key) {
        return switch (key) {
            case "get", "put", "post", "delete", "patch", "head", "options" -> true;
            default -> false;
        };
    }

    private static String capitalize(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private record Cached(String document, long freshUntil) {
    }

}
