package org.communitypoints.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the stack prints once it is ready: where everything is, how to get a token, what to try. */
public final class Welcome {

    private Welcome() {
    }

    public static List<String> lines(StackSettings settings, Infrastructure infrastructure, DemoUsers users) {
        String issuer = infrastructure.identityProvider().issuerUrl();
        String gateway = settings.gatewayUrl();
        List<String> out = new ArrayList<>();
        out.add("");
        out.add("The community points suite is running.");
        out.add("");
        out.add("  Gateway (the API)   " + gateway + "      Swagger UI: " + gateway + "/q/swagger-ui");
        out.add("  Web console         " + gateway + "/  (log in as any demo user below)");
        out.add("  Services            community-service :" + settings.communityPort() + "   activity-service :"
                + settings.activityPort() + "   points-service :" + settings.pointsPort() + "   catalog-service :"
                + settings.catalogPort());
        out.add("  PostgreSQL          " + infrastructure.database().jdbcUrl() + "  (user " + infrastructure.database().user()
                + ")");
        out.add("  Kafka               " + infrastructure.kafkaBootstrapServers() + "  topics: "
                + String.join(", ", SuiteTopics.names()));
        out.add("  OIDC issuer         " + issuer);
        out.add("  Data and logs       " + settings.dataDir() + "  (kept between runs; delete it to start empty)");
        out.add("");
        out.add("Get a token (valid " + users.tokenLifetime() / 60 + " minutes; the password is " + DemoUsers.PASSWORD
                + ", as in docker-compose's Keycloak):");
        out.add("  token() { curl -s " + issuer + "/token -d grant_type=password -d client_id=" + DemoUsers.APP_CLIENT
                + " -d username=\"$1\" -d password=" + DemoUsers.PASSWORD
                + " | sed -nE 's/.*\"access_token\" *: *\"([^\"]+)\".*/\\1/p'; }");
        out.add("  TOKEN=$(token li-mei)");
        out.add("");
        out.add("Demo users:");
        for (DemoUsers.Person person : users.people()) {
            // The operator belongs to no community: they see dead letters, not residents.
            out.add(String.format("  %-10s %-12s %s%s", person.username(), person.role(),
                    person.community() != null ? String.format("community %-8s", person.community()) : "no community",
                    person.partner() != null ? " partner " + person.partner() : ""));
        }
        if (!settings.benchmarkResidents().isEmpty()) {
            out.add("  " + settings.benchmarkResidents().described() + "  resident     community "
                    + BenchmarkResidents.COMMUNITY + "  (" + BenchmarkResidents.VARIABLE + ": for load tests,"
                    + " e.g. -Dresidents=bench:" + settings.benchmarkResidents().count() + ")");
            settings.loadTestAdvice().ifPresent(advice -> out.add("  " + advice));
        }
        out.add("  The reconciliation job (client credentials, role " + users.reconciler().role() + ", no community):");
        out.add("  curl -s " + issuer + "/token -d grant_type=client_credentials -d client_id="
                + DemoUsers.RECONCILER_CLIENT + " -d client_secret=" + DemoUsers.RECONCILER_SECRET);
        out.add("");
        out.add("Try it:");
        out.addAll(walkthrough(gateway, users));
        Path reconciler = settings.repository().resolve("reconciler/target/quarkus-app/quarkus-run.jar");
        if (Files.isRegularFile(reconciler)) {
            out.add("");
            out.add("Check the books (the nightly reconciliation, through the gateway):");
            out.add("  GATEWAY_URL=" + gateway + " OIDC_AUTH_SERVER_URL=" + issuer + " RECONCILER_CLIENT_SECRET="
                    + DemoUsers.RECONCILER_SECRET + " java -jar " + settings.repository().relativize(reconciler)
                    + " --full --out="
                    + settings.repository().relativize(settings.dataDir().resolve("reconciler-report")) + " --state="
                    + settings.repository().relativize(settings.dataDir().resolve("reconciler-state.bin")));
        }
        out.add("");
        out.add("Logs: " + settings.logDir() + "/<service>.log    Press Ctrl-C to stop everything (the data is kept).");
        return out;
    }

    static List<String> walkthrough(String gateway, DemoUsers users) {
        DemoUsers.Person resident = first(users, "resident", null);
        DemoUsers.Person staff = first(users, "staff", resident.community());
        String bearer = "-H \"Authorization: Bearer $TOKEN\" ";
        return List.of(
                "  curl -s -o /dev/null -w '%{http_code}\\n' " + gateway + "/api/points/me/balance   # 401: no token",
                "  TOKEN=$(token " + resident.username() + ")",
                "  curl -s " + bearer + gateway + "/api/community/me         # the resident in the registry (phone masked)",
                "  curl -s " + bearer + gateway + "/api/home                 # the resident's home screen",
                "  curl -s " + bearer + gateway + "/api/points/me/balance    # points posted, held, available",
                "  curl -s " + bearer + gateway + "/api/points/me/passbook   # every posting, newest first",
                "  curl -s " + bearer + gateway + "/api/activity/activities  # volunteer activities to sign up for",
                "  curl -s " + bearer + gateway + "/api/catalog/rewards      # what points buy",
                "  TOKEN=$(token " + staff.username() + ")",
                "  curl -s " + bearer + gateway + "/api/points/members/" + resident.subject()
                        + "/balance   # staff read a resident of their community",
                "  curl -s " + bearer + gateway + "/api/community/residents   # staff: the community's residents",
                "  TOKEN=$(token he-jing); curl -s " + bearer + gateway
                        + "/api/community/me/acting-for   # 何静 acts for her mother 何兰 (代办)",
                operatorLine(gateway, users, bearer),
                "  API: " + gateway + "/q/swagger-ui (gateway); each service's OpenAPI at http://localhost:<port>/q/openapi");
    }

    /** Dead letters are for an operator: how to list them, or a note if the users have none. */
    private static String operatorLine(String gateway, DemoUsers users, String bearer) {
        return users.people().stream().filter(person -> person.role().equals("operator")).findFirst()
                .map(operator -> "  TOKEN=$(token " + operator.username() + "); curl -s " + bearer + gateway
                        + "/api/points/dead-letters   # an operator: records no consumer could apply (re-drive: POST"
                        + " .../dead-letters/{id}/redrive)")
                .orElse("  (no operator among the demo users: dead letters at /api/<service>/dead-letters need role operator)");
    }

    private static DemoUsers.Person first(DemoUsers users, String role, String community) {
        return users.people().stream()
                .filter(person -> person.role().equals(role))
                .filter(person -> community == null || community.equals(person.community()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the demo users have no " + role));
    }
}
