package org.communitypoints.platform.web;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a query or path parameter whose value holds a control character or a broken
 * surrogate ({@link ControlCharacters}) with 400 INVALID_CHARACTERS naming it, before any resource sees the value
 * (a NUL in {@code ?q=} would otherwise reach PostgreSQL and come back as a 500).
 *
 * <p>
 * Not pre-matching on purpose: Quarkus REST checks {@code @RolesAllowed} right after matching and before any
 * post-matching filter, so a caller without the role gets 403 for a request that is also malformed, and never
 * learns from a 400 which parameters an endpoint reads. Request bodies are checked by
 * {@link org.communitypoints.platform.web.json.StrictJson} while they are read.
 */
public class ControlCharacterFilter {

    /** The problem code of a value with a forbidden character. */
    public static final String CODE = "INVALID_CHARACTERS";

    @ServerRequestFilter
    public void refuseControlCharacters(ContainerRequestContext request) {
        check(request.getUriInfo().getPathParameters(), "path");
        check(request.getUriInfo().getQueryParameters(), "query");
        // Headers need no check here: the HTTP server already answers a bare 400 to a control character or DEL
        // in a header value (InputHygieneTest shows it), so none reaches a resource.
    }

    private static void check(MultivaluedMap<String, String> parameters, String location) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            int inName = ControlCharacters.firstForbiddenInParameter(name);
            if (inName >= 0) {
                throw refusal(location, "(name)", name, inName); // the name itself is not fit to be echoed back
            }
            for (String value : parameter.getValue()) {
                int forbidden = ControlCharacters.firstForbiddenInParameter(value);
                if (forbidden >= 0) {
                    throw refusal(location, name, value, forbidden);
                }
            }
        }
    }

    private static ProblemException refusal(String location, String name, String value, int index) {
        String offence = ControlCharacters.describe(value, index);
        return new ProblemException(400, CODE, "Bad Request",
                "The " + location + " parameter " + name + " contains a character that is not allowed (" + offence + ").",
                List.of(new Problem.FieldError(name, "contains " + offence)))
                .withMessage(CODE + ".parameter", name, ControlCharacters.codeOf(value, index), String.valueOf(index + 1));
    }
}
