package org.communitypoints.platform.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import jakarta.enterprise.inject.Instance;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;

import org.communitypoints.platform.web.json.InvalidCharactersException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one error model of the suite: every failure leaves a service as application/problem+json with a
 * stable code. Nothing here reveals class names or stack traces; unexpected failures are logged
 * with an error id that the response carries, so support can find them. Titles and details are in the
 * caller's language (Chinese unless Accept-Language prefers English), from {@link ProblemMessages}.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /**
     * Seconds a caller should wait before retrying during an outage: long enough for a restarting PostgreSQL or a
     * new partition leader, short enough that a grid worker's queued entry goes through soon after.
     */
    static final int OUTAGE_RETRY_AFTER_SECONDS = 5;

    private final Instance<OutageClassifier> outages;

    public ProblemMappers(Instance<OutageClassifier> outages) {
        this.outages = outages;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri, HttpHeaders headers) {
        return Problems.response(e, path(uri), locale(headers));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri, HttpHeaders headers) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .collect(Collectors.toList());
        String fields = errors.stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
        return Problems.response(new ProblemException(400, "VALIDATION_FAILED", "Bad Request",
                "Some fields are missing or not valid: " + fields, errors).withArgs(fields), path(uri), locale(headers));
    }

    @ServerExceptionMapper
    public Response invalid(ValidationException e, UriInfo uri, HttpHeaders headers) {
        return unexpected(e, uri, headers); // a broken constraint, not a bad request: logged with an error id
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response unreadable(JsonProcessingException e, UriInfo uri, HttpHeaders headers) {
        return jsonProblem(e, path(uri), locale(headers));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response unreadable(MismatchedInputException e, UriInfo uri, HttpHeaders headers) {
        return jsonProblem(e, path(uri), locale(headers));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response unreadable(JsonParseException e, UriInfo uri, HttpHeaders headers) {
        return jsonProblem(e, path(uri), locale(headers));
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri, HttpHeaders headers) {
        return unauthenticated(path(uri), locale(headers));
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e, UriInfo uri, HttpHeaders headers) {
        return unauthenticated(path(uri), locale(headers));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, HttpHeaders headers) {
        return Problems.response(new ProblemException(Status.FORBIDDEN, "FORBIDDEN", "You are not allowed to do this."),
                path(uri), locale(headers));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return jsonProblem(json, path(uri), locale(headers));
        }
        if (cause instanceof ProblemException refusal) {
            // A parameter converter's refusal, wrapped by RESTEasy in a 404 (query, path) or 400 (header).
            return problem(refusal, uri, headers);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri, headers);
        }
        Status known = Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        Response response = Problems.response(new ProblemException(status, codeOf(status), title, detailOf(status), null),
                path(uri), locale(headers));
        // Keep protocol headers such as Allow (405) and WWW-Authenticate (401).
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE) && !name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                values.forEach(v -> response.getHeaders().add(name, v));
            }
        });
        return response;
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri, HttpHeaders headers) {
        if (isOutage(e)) {
            // Not a bug: no stack trace, no error id to quote; the caller only needs to try again.
            LOG.warnf("Service unavailable on %s: %s", path(uri), e);
            Response response = Problems.response(new ProblemException(503, "SERVICE_UNAVAILABLE", "Service Unavailable",
                    "The service cannot reach its data at the moment. Please try again in a moment; retrying is safe and counts nothing twice.",
                    null), path(uri), locale(headers));
            response.getHeaders().add(HttpHeaders.RETRY_AFTER, String.valueOf(OUTAGE_RETRY_AFTER_SECONDS));
            return response;
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s on %s", errorId, path(uri));
        return Problems.response(new ProblemException(500, "INTERNAL_ERROR", "Internal Server Error",
                "Something went wrong on our side. Please try again later (error id " + errorId + ").", null)
                .withArgs(errorId), path(uri), locale(headers));
    }

    private boolean isOutage(Throwable e) {
        for (OutageClassifier classifier : outages) {
            if (classifier.isOutage(e)) {
                return true;
            }
        }
        return false;
    }

    static Response unauthenticated(String instance, Locale locale) {
        Response response = Problems.response(new ProblemException(Status.UNAUTHORIZED, "UNAUTHENTICATED",
                "Please sign in again: the request carried no valid access token."), instance, locale);
        response.getHeaders().add(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return response;
    }

    private static Response jsonProblem(JsonProcessingException e, String instance, Locale locale) {
        if (e instanceof InvalidCharactersException invalid) {
            String field = jsonPath(invalid);
            String offence = invalid.character() + " at character " + invalid.position();
            return Problems.response(new ProblemException(400, ControlCharacterFilter.CODE, "Bad Request",
                    "The field " + field + " contains a character that is not allowed (" + offence + ").",
                    List.of(new Problem.FieldError(field, "contains " + offence)))
                    .withArgs(field, invalid.character(), String.valueOf(invalid.position())), instance, locale);
        }
        if (e.getCause() instanceof InputCoercionException || e instanceof InputCoercionException) {
            // Jackson's own overflow check (2147483648 into an int, 1e400 into a long), wrapped with the field's path.
            String field = e instanceof JsonMappingException mapping ? jsonPath(mapping) : "request";
            return Problems.response(new ProblemException(400, "NUMBER_OUT_OF_RANGE", "Bad Request",
                    "The field " + field + " holds a number too large or too small for it.",
                    List.of(new Problem.FieldError(field, "number out of range"))).withArgs(field), instance, locale);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = jsonPath(unknown);
            return Problems.response(new ProblemException(400, "UNKNOWN_FIELD", "Bad Request",
                    "The request has a field this API does not know: " + field,
                    List.of(new Problem.FieldError(field, "unknown field"))).withArgs(field), instance, locale);
        }
        if (e instanceof InvalidFormatException || (e instanceof MismatchedInputException mismatched
                && !mismatched.getPath().isEmpty())) {
            String field = jsonPath((JsonMappingException) e);
            return Problems.response(new ProblemException(400, "INVALID_FIELD_TYPE", "Bad Request",
                    "The field " + field + " has a value of the wrong type.",
                    List.of(new Problem.FieldError(field, "wrong type"))).withArgs(field), instance, locale);
        }
        return Problems.response(new ProblemException(400, "MALFORMED_JSON", "Bad Request",
                "The request body is not valid JSON.", null), instance, locale);
    }

    private static String jsonPath(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "request" : path;
    }

    /** "create.order.items[0].quantity" → "items[0].quantity": clients know their JSON fields, not our method names. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = StreamSupport.stream(violation.getPropertyPath().spliterator(), false).toList();
        StringBuilder field = new StringBuilder();
        for (Path.Node node : nodes) {
            if (node.getKind() != ElementKind.PROPERTY && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            // A node's index is its position in the container named by the node before it.
            if (node.isInIterable() && node.getIndex() != null && field.length() > 0) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null) {
                field.append(field.length() > 0 ? "." : "").append(node.getName());
            }
        }
        if (field.length() > 0) {
            return field.toString();
        }
        return nodes.isEmpty() ? "request" : nodes.get(nodes.size() - 1).getName();
    }

    static String codeOf(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 409 -> "CONFLICT";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 429 -> "TOO_MANY_REQUESTS";
            default -> "HTTP_" + status;
        };
    }

    static String detailOf(int status) {
        return switch (status) {
            case 401 -> "Please sign in again: the request carried no valid access token.";
            case 403 -> "You are not allowed to do this.";
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not accept this method.";
            case 406 -> "This address cannot answer in the requested format.";
            case 413 -> "The request body is too large.";
            case 415 -> "Please send the request body as application/json.";
            default -> "The request could not be processed.";
        };
    }

    /** Chinese unless the client prefers English; see {@link ProblemMessages}. */
    static Locale locale(HttpHeaders headers) {
        try {
            return headers == null ? ProblemMessages.CHINESE : ProblemMessages.localeFor(headers.getAcceptableLanguages());
        } catch (RuntimeException malformedHeader) {
            return ProblemMessages.CHINESE;
        }
    }

    static String path(UriInfo uri) {
        try {
            // The whole path as the client sent it, including the service's /api/<service> prefix.
            return uri == null ? null : uri.getRequestUri().getRawPath();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
