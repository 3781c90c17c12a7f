package org.communitypoints.platform.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Converts query, path and header parameters the same strict way in every service, and refuses a value
 * that does not convert with 400 INVALID_PARAMETER naming the parameter and the form it expects.
 *
 * <p>
 * Why: by the JAX-RS rules an unparsable query or path parameter ({@code limit=abc},
 * {@code asOf=yesterday}) answers 404, which sends a client looking for a missing resource instead of
 * its typo, and {@code Boolean.valueOf} turns {@code upcoming=maybe} into a silent {@code false}.
 *
 * <p>
 * Types: {@code Integer}/{@code int}, {@code Long}/{@code long}, {@code Boolean}/{@code boolean} (exactly
 * {@code true} or {@code false}), {@link UUID}, {@link Instant} (ISO-8601 with Z or an offset),
 * {@link LocalDate} ({@code 2026-11-20}), {@link YearMonth} ({@code 2026-11}) and every enum (its constant's
 * name, in any case). An empty value ({@code ?upcoming=}) never reaches a converter: RESTEasy treats it as
 * absent, so the resource sees null or its {@code @DefaultValue}. Other types are left to RESTEasy.
 *
 * <p>
 * RESTEasy Reactive (Quarkus 3.33) consults this provider for primitives as well as boxed types
 * ({@code StrictParamConvertersTest} covers {@code int} and {@code boolean} with {@code @DefaultValue}), so
 * both are checked. Prefer boxed types all the same: only they let the resource tell "absent" (null) from
 * a value. The parameter's name comes from its
 * {@code @QueryParam}/{@code @PathParam}/{@code @HeaderParam} (or {@code @RestQuery} etc. with a value); a
 * {@code @RestQuery} without a value is named "parameter" in the problem, so give it one.
 */
@Provider
public class StrictParamConverters implements ParamConverterProvider {

    /** The problem code of a parameter that does not convert. */
    public static final String CODE = "INVALID_PARAMETER";

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        Form<?> form = formOf(rawType);
        if (form == null) {
            return null;
        }
        return (ParamConverter<T>) new Strict<>(nameOf(annotations), locationOf(annotations), form);
    }

    /** What a parameter type accepts: its parser and the words that tell a client what to send. */
    record Form<T>(String kind, String example, Function<String, T> parse) {
    }

    private static Form<?> formOf(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return new Form<>("integer", "50", Integer::valueOf);
        }
        if (type == Long.class || type == long.class) {
            return new Form<>("integer", "50", Long::valueOf);
        }
        if (type == Boolean.class || type == boolean.class) {
            return new Form<>("boolean", "true", StrictParamConverters::strictBoolean);
        }
        if (type == UUID.class) {
            return new Form<>("uuid", "3f2a8c1e-5b7d-4e0a-9c6f-1d2e3f4a5b6c", StrictParamConverters::uuid);
        }
        if (type == Instant.class) {
            return new Form<>("instant", "2026-11-20T10:00:00Z", StrictParamConverters::instant);
        }
        if (type == LocalDate.class) {
            return new Form<>("date", "2026-11-20", LocalDate::parse);
        }
        if (type == YearMonth.class) {
            return new Form<>("month", "2026-11", YearMonth::parse);
        }
        if (type.isEnum()) {
            return enumForm(type.asSubclass(Enum.class));
        }
        return null;
    }

    private static <E extends Enum<E>> Form<E> enumForm(Class<E> type) {
        List<E> constants = Arrays.asList(type.getEnumConstants());
        String names = constants.stream().map(Enum::name).collect(Collectors.joining(", "));
        return new Form<>("one of", names, text -> constants.stream()
                .filter(c -> c.name().equalsIgnoreCase(text))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not one of " + names)));
    }

    private static Boolean strictBoolean(String text) {
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("neither true nor false");
        };
    }

    private static UUID uuid(String text) {
        // UUID.fromString accepts "1-2-3-4-5"; only the canonical 36-character form is an id we handed out.
        if (text.length() != 36) {
            throw new IllegalArgumentException("not a canonical UUID");
        }
        return UUID.fromString(text);
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }

    private static String nameOf(Annotation[] annotations) {
        if (annotations != null) {
            for (Annotation a : annotations) {
                String name = nameIn(a);
                if (name != null && !name.isEmpty()) {
                    return name;
                }
            }
        }
        return "parameter";
    }

    private static String nameIn(Annotation a) {
        if (a instanceof QueryParam q) {
            return q.value();
        } else if (a instanceof PathParam p) {
            return p.value();
        } else if (a instanceof HeaderParam h) {
            return h.value();
        } else if (a instanceof CookieParam c) {
            return c.value();
        } else if (a instanceof FormParam f) {
            return f.value();
        } else if (a instanceof MatrixParam m) {
            return m.value();
        } else if (a instanceof RestQuery q) {
            return q.value();
        } else if (a instanceof RestPath p) {
            return p.value();
        } else if (a instanceof RestHeader h) {
            return h.value();
        } else if (a instanceof RestCookie c) {
            return c.value();
        } else if (a instanceof RestForm f) {
            return f.value();
        }
        return null;
    }

    private static String locationOf(Annotation[] annotations) {
        if (annotations != null) {
            for (Annotation a : annotations) {
                if (a instanceof QueryParam || a instanceof RestQuery) {
                    return "query";
                }
                if (a instanceof PathParam || a instanceof RestPath) {
                    return "path";
                }
                if (a instanceof HeaderParam || a instanceof RestHeader) {
                    return "header";
                }
            }
        }
        return "request";
    }

    /** One parameter's converter: knows the parameter's name so that the refusal can name it. */
    static final class Strict<T> implements ParamConverter<T> {

        private final String name;
        private final String location;
        private final Form<T> form;

        Strict(String name, String location, Form<T> form) {
            this.name = name;
            this.location = location;
            this.form = form;
        }

        @Override
        public T fromString(String value) {
            if (value == null) {
                return null; // absent: the resource's default applies
            }
            try {
                return form.parse().apply(value);
            } catch (RuntimeException e) {
                throw refusal();
            }
        }

        @Override
        public String toString(T value) {
            return value == null ? null : value instanceof Enum<?> e ? e.name() : value.toString();
        }

        private ProblemException refusal() {
            String expected = "one of".equals(form.kind()) ? "one of " + form.example()
                    : "a" + (form.kind().matches("[aeiou].*") ? "n " : " ") + form.kind() + ", e.g. " + form.example();
            String variant = "one of".equals(form.kind()) ? "enum" : form.kind();
            return new ProblemException(400, CODE, "Bad Request",
                    "The " + location + " parameter " + name + " must be " + expected + ".",
                    List.of(new Problem.FieldError(name, "must be " + expected)))
                    .withMessage(CODE + "." + variant, name, form.example());
        }
    }
}
