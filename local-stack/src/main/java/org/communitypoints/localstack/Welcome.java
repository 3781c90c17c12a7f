package org.communitypoints.localstack;

import java.util.ArrayList;
import java.util.List;

/** What the stack prints once it is ready: where everything is, how to get a token, what to try. */
public final class Welcome {

    private Welcome() {
    }

    public static List<String> lines(StackSettings settings, Infrastructure infrastructure) {
        String issuer = infrastructure.identityProvider().issuerUrl();
        String gateway = settings.gatewayUrl();
        List<String> out = new ArrayList<>();
        out.add("");
        out.add("The community points suite is running.");
        out.add("");
        out.add("  Gateway (the API)   " + gateway + "      Swagger UI: " + gateway + "/q/swagger-ui");
        out.add("  Services            activity-service :" + settings.activityPort() + "   points-service :"
                + settings.pointsPort() + "   catalog-service :" + settings.catalogPort());
        out.add("  PostgreSQL          " + infrastructure.database().jdbcUrl() + "  (user " + infrastructure.database().user() + ")");
        out.add("  Kafka               " + infrastructure.kafkaBootstrapServers() + "  topics: " + String.join(", ", SuiteTopics.names()));
        out.add("  OIDC issuer         " + issuer);
        out.add("  Data and logs       " + settings.dataDir() + "  (kept between runs; delete it to start empty)");
        out.add("");
        out.add("Get a token (any password works locally; in docker-compose's Keycloak it is the user name):");
        out.add("  token() { curl -s " + issuer + "/token -d grant_type=password -d client_id=" + DemoUsers.APP_CLIENT
                + " -d username=\"$1\" -d password=\"$1\" | sed -nE 's/.*\"access_token\" *: *\"([^\"]+)\".*/\\1/p'; }");
        out.add("  TOKEN=$(token li-mei)");
        out.add("");
        out.add("Demo users (community " + DemoUsers.COMMUNITY + "):");
        for (DemoUsers.Person person : DemoUsers.PEOPLE) {
            out.add(String.format("  %-13s %-12s %s", person.username(), person.role(),
                    person.description() + (person.partner() != null ? " (partner " + person.partner() + ")" : "")));
        }
        out.add("  The reconciliation job (client credentials, role reconciler, no community):");
        out.add("  curl -s " + issuer + "/token -d grant_type=client_credentials -d client_id="
                + DemoUsers.RECONCILER_CLIENT + " -d client_secret=" + DemoUsers.RECONCILER_CLIENT);
        out.add("");
        out.add("Try it:");
        out.addAll(walkthrough(gateway));
        out.add("");
        out.add("Logs: " + settings.logDir() + "/<service>.log    Press Ctrl-C to stop everything (the data is kept).");
        return out;
    }

    static List<String> walkthrough(String gateway) {
        String bearer = "-H \"Authorization: Bearer $TOKEN\" ";
        return List.of(
                "  curl -s -o /dev/null -w '%{http_code}\\n' " + gateway + "/api/points/me/balance   # 401: no token",
                "  TOKEN=$(token li-mei)",
                "  curl -s " + bearer + gateway + "/api/home                 # her home screen: balance, sign-ups, vouchers",
                "  curl -s " + bearer + gateway + "/api/points/me/balance    # her points: posted, held, available",
                "  curl -s " + bearer + gateway + "/api/points/me/passbook   # every posting, newest first",
                "  curl -s " + bearer + gateway + "/api/activity/activities  # volunteer activities to sign up for",
                "  curl -s " + bearer + gateway + "/api/catalog/rewards      # what points buy",
                "  TOKEN=$(token staff-zhao)",
                "  curl -s " + bearer + gateway + "/api/points/members/li-mei/balance   # staff read any resident of wutong",
                "  API: " + gateway + "/q/swagger-ui (gateway); each service's OpenAPI at http://localhost:<port>/q/openapi");
    }
}
