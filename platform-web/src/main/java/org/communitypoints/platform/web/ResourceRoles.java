package org.communitypoints.platform.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import io.quarkus.arc.Arc;
import io.quarkus.security.Authenticated;

/**
 * Who may call each resource method, by HTTP method and path template, read once from the resource classes'
 * annotations ({@code @RolesAllowed}, {@code @PermitAll}, {@code @Authenticated}, {@code @DenyAll}, on the method or
 * its class).
 *
 * <p>
 * Why it exists: Quarkus REST decides 406 (an Accept the method does not produce) and 415 (a Content-Type it does
 * not consume) while it matches the request to a method, before the method's role check runs. A caller without the
 * role would get 406/415 — learning what the endpoint speaks — where it must get 403. {@link AccessBeforeNegotiation}
 * asks this index which roles the path and method need, and refuses first.
 */
@ApplicationScoped
public class ResourceRoles {

    /** Who may call: anyone, any signed-in caller, one of these roles, or nobody. */
    public record Access(boolean anyone, boolean anySignedIn, Set<String> roles) {

        static final Access ANYONE = new Access(true, false, Set.of());
        static final Access SIGNED_IN = new Access(false, true, Set.of());
        static final Access NOBODY = new Access(false, false, Set.of());
    }

    private record Route(String httpMethod, Pattern path, int literalCharacters, Access access) {
    }

    private static final Pattern TEMPLATE_VARIABLE = Pattern
            .compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*\\})+))?}");

    private volatile List<Route> routes;

    /**
     * @param path the request path relative to the REST root (as {@code UriInfo.getPath()} gives it)
     * @return the access rule of the most specific method matching the HTTP method and path, if any
     */
    public Optional<Access> accessFor(String httpMethod, String path) {
        String normalized = normalize(path);
        return routes().stream()
                .filter(route -> route.httpMethod().equalsIgnoreCase(httpMethod) && route.path().matcher(normalized).matches())
                .max(Comparator.comparingInt(Route::literalCharacters))
                .map(Route::access);
    }

    private List<Route> routes() {
        List<Route> known = routes;
        if (known == null) {
            known = scan();
            routes = known;
        }
        return known;
    }

    private static List<Route> scan() {
        List<Route> found = new ArrayList<>();
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            Path classPath = type.getAnnotation(Path.class);
            if (classPath == null) {
                continue;
            }
            for (Method method : type.getMethods()) {
                String httpMethod = httpMethodOf(method);
                if (httpMethod == null) {
                    continue;
                }
                Path methodPath = method.getAnnotation(Path.class);
                String template = normalize(classPath.value() + "/" + (methodPath == null ? "" : methodPath.value()));
                found.add(new Route(httpMethod, compile(template), literalCharacters(template), accessOf(method, type)));
            }
        }
        return List.copyOf(found);
    }

    private static String httpMethodOf(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod designator = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (designator != null) {
                return designator.value();
            }
        }
        return null;
    }

    private static Access accessOf(Method method, Class<?> type) {
        Access onMethod = accessOf(method.getAnnotation(RolesAllowed.class), method.isAnnotationPresent(PermitAll.class),
                method.isAnnotationPresent(Authenticated.class), method.isAnnotationPresent(DenyAll.class));
        if (onMethod != null) {
            return onMethod;
        }
        Access onClass = accessOf(type.getAnnotation(RolesAllowed.class), type.isAnnotationPresent(PermitAll.class),
                type.isAnnotationPresent(Authenticated.class), type.isAnnotationPresent(DenyAll.class));
        return onClass != null ? onClass : Access.ANYONE;
    }

    private static Access accessOf(RolesAllowed roles, boolean permitAll, boolean authenticated, boolean denyAll) {
        if (denyAll) {
            return Access.NOBODY;
        }
        if (permitAll) {
            return Access.ANYONE;
        }
        if (authenticated) {
            return Access.SIGNED_IN;
        }
        if (roles != null) {
            return Set.of(roles.value()).contains("**") ? Access.SIGNED_IN : new Access(false, false, Set.of(roles.value()));
        }
        return null;
    }

    private static Pattern compile(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher variable = TEMPLATE_VARIABLE.matcher(template);
        int last = 0;
        while (variable.find()) {
            regex.append(Pattern.quote(template.substring(last, variable.start())));
            regex.append('(').append(variable.group(1) == null ? "[^/]+" : variable.group(1).trim()).append(')');
            last = variable.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return Pattern.compile(regex.toString());
    }

    private static int literalCharacters(String template) {
        return TEMPLATE_VARIABLE.matcher(template).replaceAll("").length();
    }

    private static String normalize(String path) {
        String collapsed = ("/" + (path == null ? "" : path)).replaceAll("/+", "/");
        return collapsed.length() > 1 && collapsed.endsWith("/") ? collapsed.substring(0, collapsed.length() - 1) : collapsed;
    }
}
