package org.communitypoints.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL roles of one service: the owner of its schema, which Flyway connects as, and the runtime role
 * the application connects as, which owns nothing and so can neither alter a table, disable a trigger nor create
 * anything. {@link #create(Connection)} runs {@code db-roles/service-roles.sql} (the file docker-compose runs with
 * psql) as a superuser.
 *
 * <p>
 * Names and passwords come from the variables the service itself reads, {@code <SCHEMA>_DB_OWNER},
 * {@code <SCHEMA>_DB_OWNER_PASSWORD}, {@code <SCHEMA>_DB_USER} and {@code <SCHEMA>_DB_PASSWORD} (for example
 * {@code POINTS_DB_USER}); the defaults, {@code points_owner} and {@code points_app} with their names as passwords,
 * are for a machine of one's own only.
 *
 * @param schema the service's schema, also the prefix of its role names and variables
 */
public record ServiceRoles(String schema, String owner, String ownerPassword, String runtime, String runtimePassword) {

    /** The schemas of the services that keep data, in the order the local stack starts them. */
    public static final List<String> SCHEMAS = List.of("community", "activity", "points", "catalog");

    static final String SCRIPT = "db-roles/service-roles.sql";

    /** Lower-case, unquoted SQL identifiers: the migrations name the runtime role without quotes. */
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern LITERAL = Pattern.compile("(?<!:):'([a-z_]+)'");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<!:):\"([a-z_]+)\"");
    private static final String GEXEC = "\\gexec";

    public ServiceRoles {
        for (String name : List.of(schema, owner, runtime)) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is no PostgreSQL role or schema name this suite accepts:"
                        + " lower-case letters, digits and _, starting with a letter or _");
            }
        }
        if (owner.equals(runtime)) {
            throw new IllegalArgumentException("the owner and the runtime role of " + schema + " must differ: " + owner);
        }
        Objects.requireNonNull(ownerPassword, "ownerPassword");
        Objects.requireNonNull(runtimePassword, "runtimePassword");
    }

    /** The local defaults: {@code <schema>_owner} and {@code <schema>_app}, each with its name as password. */
    public static ServiceRoles defaults(String schema) {
        return fromEnvironment(schema, Map.of());
    }

    /** The roles the service of that schema will connect as, given the same environment. */
    public static ServiceRoles fromEnvironment(String schema, Map<String, String> env) {
        String prefix = variablePrefix(schema);
        String owner = value(env, prefix + "OWNER", schema + "_owner");
        String runtime = value(env, prefix + "USER", schema + "_app");
        return new ServiceRoles(schema, owner, value(env, prefix + "OWNER_PASSWORD", owner), runtime,
                value(env, prefix + "PASSWORD", runtime));
    }

    /** The roles of every service that keeps data. */
    public static List<ServiceRoles> allFromEnvironment(Map<String, String> env) {
        return SCHEMAS.stream().map(schema -> fromEnvironment(schema, env)).toList();
    }

    /** {@code POINTS_DB_} for {@code points}. */
    public static String variablePrefix(String schema) {
        return schema.toUpperCase(Locale.ROOT) + "_DB_";
    }

    /** The variables the service reads its roles from (its application.properties), set to these roles. */
    public Map<String, String> serviceEnvironment() {
        String prefix = variablePrefix(schema);
        Map<String, String> env = new LinkedHashMap<>();
        env.put(prefix + "USER", runtime);
        env.put(prefix + "PASSWORD", runtimePassword);
        env.put(prefix + "OWNER", owner);
        env.put(prefix + "OWNER_PASSWORD", ownerPassword);
        return env;
    }

    /**
     * Creates (or brings up to date) both roles and the schema, connected as a superuser to the service's database.
     * Runs in the connection's current transaction mode; every statement is idempotent.
     */
    public void create(Connection superuser) throws SQLException {
        try (Statement statement = superuser.createStatement()) {
            for (String step : steps()) {
                if (step.endsWith(GEXEC)) {
                    List<String> generated = new ArrayList<>();
                    try (ResultSet rows = statement.executeQuery(step.substring(0, step.length() - GEXEC.length()))) {
                        int columns = rows.getMetaData().getColumnCount();
                        while (rows.next()) {
                            for (int i = 1; i <= columns; i++) {
                                String sql = rows.getString(i);
                                if (sql != null) {
                                    generated.add(sql);
                                }
                            }
                        }
                    }
                    for (String sql : generated) {
                        statement.execute(sql);
                    }
                } else {
                    statement.execute(step);
                }
            }
        }
    }

    /** The script's statements with this service's values in place of its psql variables. */
    List<String> steps() {
        Map<String, String> variables = Map.of("schema", schema, "owner", owner, "owner_password", ownerPassword,
                "runtime", runtime, "runtime_password", runtimePassword);
        List<String> steps = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script().split("\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("--") || trimmed.startsWith("\\set ")) {
                continue;
            }
            current.append(current.isEmpty() ? "" : "\n").append(trimmed);
            if (trimmed.endsWith(";") || trimmed.endsWith(GEXEC)) {
                String step = substitute(substitute(current.toString(), LITERAL, variables, ServiceRoles::literal),
                        IDENTIFIER, variables, ServiceRoles::identifier);
                steps.add(step.endsWith(";") ? step.substring(0, step.length() - 1) : step);
                current.setLength(0);
            }
        }
        if (!current.isEmpty()) {
            throw new IllegalStateException(SCRIPT + " ends inside a statement: " + current);
        }
        return steps;
    }

    private static String substitute(String sql, Pattern pattern, Map<String, String> variables,
            java.util.function.UnaryOperator<String> quote) {
        Matcher matcher = pattern.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException(SCRIPT + " uses the unknown variable " + matcher.group(1));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(quote.apply(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String identifier(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static String script() {
        try (InputStream in = ServiceRoles.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String value(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public String toString() {
        // never the passwords
        return "ServiceRoles[" + schema + ": owner " + owner + ", runtime " + runtime + "]";
    }
}
