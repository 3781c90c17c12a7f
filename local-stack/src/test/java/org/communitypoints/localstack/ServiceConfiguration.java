package org.communitypoints.localstack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What a service of this repository reads from its environment, from its own configuration files. */
final class ServiceConfiguration {

    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    static final List<String> SERVICES = List.of("community-service", "activity-service", "points-service", "catalog-service",
            "gateway");

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");
    private static final Pattern PORT_DEFAULT = Pattern.compile("(?m)^quarkus\\.http\\.port=\\$\\{HTTP_PORT:(\\d+)}");

    private ServiceConfiguration() {
    }

    /** HTTP_PORT's default in the module's application.properties. */
    static int defaultPort(String module) throws IOException {
        Matcher matcher = PORT_DEFAULT.matcher(applicationProperties(module));
        assertTrue(matcher.find(), module + " sets quarkus.http.port=${HTTP_PORT:...}");
        return Integer.parseInt(matcher.group(1));
    }

    /** Environment variables referenced by the module's configuration and the shared defaults it depends on. */
    static Set<String> variablesRead(String module) throws IOException {
        List<String> sources = new ArrayList<>();
        sources.add(applicationProperties(module));
        String pom = Files.readString(REPOSITORY.resolve(module).resolve("pom.xml"));
        for (String shared : List.of("platform-web", "platform-data")) {
            if (pom.contains("<artifactId>" + shared + "</artifactId>")) {
                sources.add(Files.readString(REPOSITORY.resolve(shared)
                        .resolve("src/main/resources/META-INF/microprofile-config.properties")));
            }
        }
        Set<String> names = new HashSet<>(Set.of("HTTP_PORT"));
        for (String source : sources) {
            String withoutComments = source.lines().filter(line -> !line.trim().startsWith("#"))
                    .collect(Collectors.joining("\n"));
            Matcher matcher = ENV_REFERENCE.matcher(withoutComments);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    static String applicationProperties(String module) throws IOException {
        return Files.readString(REPOSITORY.resolve(module).resolve("src/main/resources/application.properties"));
    }
}
