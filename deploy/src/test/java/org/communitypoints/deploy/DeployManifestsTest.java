package org.communitypoints.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.communitypoints.contracts.Topics;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The manifests, read into the Kubernetes model the way the API server would type them, and checked for what
 * a cluster would only reveal at run time: probes on the health paths, ports that exist, references to Secrets and
 * ConfigMaps (and their keys) that are defined, selectors that find their pods, autoscaling that fits the topics.
 */
class DeployManifestsTest {

    private static final Path MANIFESTS = Path.of("kubernetes");
    private static final String NAMESPACE = "community-points";
    private static final Map<String, String> DATA_SERVICES = Map.of(
            "activity-service", "ACTIVITY",
            "points-service", "POINTS",
            "catalog-service", "CATALOG",
            "community-service", "COMMUNITY");
    private static final Set<String> ALL_SERVICES = Stream
            .concat(DATA_SERVICES.keySet().stream(), Stream.of("gateway")).collect(Collectors.toSet());

    private final List<HasMetadata> resources = load();

    @Test
    void everyManifestTheKustomizationListsIsAKubernetesResourceInTheSuitesNamespace() {
        assertFalse(resources.isEmpty());
        for (HasMetadata resource : resources) {
            if (!"Namespace".equals(resource.getKind())) {
                assertEquals(NAMESPACE, resource.getMetadata().getNamespace(), name(resource));
            }
        }
    }

    @Test
    void everyServiceHasADeploymentWithItsImageAndPort() {
        assertEquals(ALL_SERVICES, byKind(Deployment.class).keySet());
        byKind(Deployment.class).forEach((name, deployment) -> {
            Container container = onlyContainer(deployment.getSpec().getTemplate().getSpec(), name);
            assertTrue(container.getImage().startsWith("community-points/" + name + ":"), container.getImage());
            int port = container.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " has no port named http")).getContainerPort();
            assertEquals(String.valueOf(port), env(container, "HTTP_PORT"), name + " listens where its port says");
        });
    }

    @Test
    void probesUseTheHealthPathsQuarkusServesOnTheHttpPort() {
        byKind(Deployment.class).forEach((name, deployment) -> {
            Container container = onlyContainer(deployment.getSpec().getTemplate().getSpec(), name);
            assertProbe(name, "startup", container.getStartupProbe(), "/q/health/started");
            assertProbe(name, "liveness", container.getLivenessProbe(), "/q/health/live");
            assertProbe(name, "readiness", container.getReadinessProbe(), "/q/health/ready");
        });
    }

    @Test
    void everyContainerRequestsCpuAndMemoryAndIsCappedInMemory() {
        byKind(Deployment.class).forEach((name, deployment) -> {
            Container container = onlyContainer(deployment.getSpec().getTemplate().getSpec(), name);
            assertNotNull(container.getResources().getRequests().get("cpu"), name);
            assertNotNull(container.getResources().getRequests().get("memory"), name);
            assertNotNull(container.getResources().getLimits().get("memory"), name);
        });
    }

    @Test
    void eachDataServiceGetsItsOwnerAndRuntimeCredentialsFromItsOwnSecret() throws IOException {
        Map<String, Deployment> deployments = byKind(Deployment.class);
        for (Map.Entry<String, String> service : DATA_SERVICES.entrySet()) {
            Container container = onlyContainer(deployments.get(service.getKey()).getSpec().getTemplate().getSpec(),
                    service.getKey());
            for (String suffix : List.of("_DB_USER", "_DB_PASSWORD", "_DB_OWNER", "_DB_OWNER_PASSWORD")) {
                String variable = service.getValue() + suffix;
                EnvVar env = container.getEnv().stream().filter(e -> e.getName().equals(variable)).findFirst()
                        .orElseThrow(() -> new AssertionError(service.getKey() + " lacks " + variable));
                assertNotNull(env.getValueFrom().getSecretKeyRef(), variable + " comes from a Secret");
                Path properties = Path.of("..", service.getKey(), "src/main/resources/application.properties");
                if (Files.exists(properties)) {
                    assertTrue(Files.readString(properties).contains("${" + variable + ":"),
                            service.getKey() + " reads " + variable);
                }
            }
        }
    }

    @Test
    void theRedemptionReceiptSecretGoesToTheGatewayAndPointsServiceAndNowhereElse() throws IOException {
        Map<String, Set<String>> holders = new HashMap<>();
        for (Map.Entry<String, PodSpec> pod : podSpecs().entrySet()) {
            for (Container container : pod.getValue().getContainers()) {
                for (EnvVar env : container.getEnv() == null ? List.<EnvVar> of() : container.getEnv()) {
                    var secretRef = env.getValueFrom() == null ? null : env.getValueFrom().getSecretKeyRef();
                    if (secretRef != null && secretRef.getName().equals("redemption-receipts")) {
                        holders.computeIfAbsent(pod.getKey(), p -> new java.util.TreeSet<>()).add(env.getName());
                    }
                }
                for (EnvFromSource from : container.getEnvFrom() == null ? List.<EnvFromSource> of() : container.getEnvFrom()) {
                    assertTrue(from.getSecretRef() == null || !from.getSecretRef().getName().equals("redemption-receipts"),
                            pod.getKey() + " takes the whole receipt Secret");
                }
            }
        }
        assertEquals(Map.of("Deployment gateway", Set.of("REDEMPTION_RECEIPT_SECRET"), "Deployment points-service",
                Set.of("REDEMPTION_RECEIPT_SECRET")), holders);
        for (String module : List.of("gateway", "points-service")) {
            assertTrue(Files.readString(Path.of("..", module, "src/main/resources/application.properties"))
                    .contains("${REDEMPTION_RECEIPT_SECRET}"), module + " reads REDEMPTION_RECEIPT_SECRET");
        }
    }

    @Test
    void everySecretAndConfigMapReferenceNamesADefinedKey() {
        Map<String, Set<String>> secrets = new HashMap<>();
        byKind(Secret.class).forEach((name, secret) -> secrets.put(name, keys(secret.getStringData(), secret.getData())));
        Map<String, Set<String>> configMaps = new HashMap<>();
        byKind(ConfigMap.class).forEach((name, map) -> configMaps.put(name, keys(map.getData(), map.getBinaryData())));
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, PodSpec> pod : podSpecs().entrySet()) {
            for (Container container : pod.getValue().getContainers()) {
                for (EnvVar env : container.getEnv() == null ? List.<EnvVar> of() : container.getEnv()) {
                    if (env.getValueFrom() == null) {
                        continue;
                    }
                    var secretRef = env.getValueFrom().getSecretKeyRef();
                    var mapRef = env.getValueFrom().getConfigMapKeyRef();
                    if (secretRef != null) {
                        assertTrue(secrets.getOrDefault(secretRef.getName(), Set.of()).contains(secretRef.getKey()),
                                pod.getKey() + " " + env.getName() + ": no key " + secretRef.getKey() + " in Secret "
                                        + secretRef.getName());
                    }
                    if (mapRef != null) {
                        assertTrue(configMaps.getOrDefault(mapRef.getName(), Set.of()).contains(mapRef.getKey()),
                                pod.getKey() + " " + env.getName() + ": no key " + mapRef.getKey() + " in ConfigMap "
                                        + mapRef.getName());
                    }
                    checked.add(env.getName());
                }
                for (EnvFromSource from : container.getEnvFrom() == null ? List.<EnvFromSource> of() : container.getEnvFrom()) {
                    if (from.getSecretRef() != null) {
                        assertTrue(secrets.containsKey(from.getSecretRef().getName()), pod.getKey() + ": no Secret "
                                + from.getSecretRef().getName());
                    }
                    if (from.getConfigMapRef() != null) {
                        assertTrue(configMaps.containsKey(from.getConfigMapRef().getName()), pod.getKey()
                                + ": no ConfigMap " + from.getConfigMapRef().getName());
                    }
                }
            }
            for (Volume volume : pod.getValue().getVolumes() == null ? List.<Volume> of() : pod.getValue().getVolumes()) {
                if (volume.getConfigMap() != null) {
                    assertTrue(configMaps.containsKey(volume.getConfigMap().getName()), pod.getKey() + ": no ConfigMap "
                            + volume.getConfigMap().getName());
                }
            }
        }
        assertTrue(checked.size() >= DATA_SERVICES.size() * 4 * 2, "the database credentials are among them: " + checked);
    }

    @Test
    void servicesAndDisruptionBudgetsSelectTheirDeploymentsPods() {
        Map<String, Deployment> deployments = byKind(Deployment.class);
        byKind(Service.class).forEach((name, service) -> {
            Deployment deployment = deployments.get(name);
            assertNotNull(deployment, "Service " + name + " has a Deployment");
            assertTrue(selects(service.getSpec().getSelector(), deployment), "Service " + name + " finds its pods");
            Container container = onlyContainer(deployment.getSpec().getTemplate().getSpec(), name);
            service.getSpec().getPorts().forEach(port -> assertTrue(container.getPorts().stream()
                    .anyMatch(p -> p.getName().equals(port.getTargetPort().getStrVal())), name + " targets a named port"));
        });
        assertEquals(ALL_SERVICES, byKind(PodDisruptionBudget.class).keySet());
        byKind(PodDisruptionBudget.class).forEach((name, budget) -> {
            Deployment deployment = deployments.get(name);
            assertNotNull(deployment, "budget " + name + " has a Deployment");
            assertTrue(selects(budget.getSpec().getSelector().getMatchLabels(), deployment), "budget " + name);
            assertTrue(budget.getSpec().getMinAvailable().getIntVal() < deployment.getSpec().getReplicas(),
                    name + ": a budget as large as the replicas would block every node drain");
        });
    }

    @Test
    void autoscalersScaleTheirDeploymentsAndStayWithinTheTopicsPartitions() {
        Map<String, Deployment> deployments = byKind(Deployment.class);
        Map<String, PodDisruptionBudget> budgets = byKind(PodDisruptionBudget.class);
        int fewestPartitions = topicPartitions().values().stream().min(Integer::compare).orElseThrow();
        assertEquals(ALL_SERVICES, byKind(HorizontalPodAutoscaler.class).keySet());
        byKind(HorizontalPodAutoscaler.class).forEach((name, hpa) -> {
            assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
            assertTrue(deployments.containsKey(hpa.getSpec().getScaleTargetRef().getName()), name);
            assertTrue(hpa.getSpec().getMinReplicas() > budgets.get(name).getSpec().getMinAvailable().getIntVal(),
                    name + ": the budget must leave one pod to evict at the smallest size");
            assertTrue(hpa.getSpec().getMaxReplicas() <= fewestPartitions,
                    name + ": consumers past the partition count would sit idle");
        });
    }

    @Test
    void theGatewaySplitsItsRateLimitByTheAutoscalersSmallestSize() {
        Container gateway = onlyContainer(byKind(Deployment.class).get("gateway").getSpec().getTemplate().getSpec(),
                "gateway");
        int minReplicas = byKind(HorizontalPodAutoscaler.class).get("gateway").getSpec().getMinReplicas();
        assertEquals(String.valueOf(minReplicas), env(gateway, "RATE_LIMIT_INSTANCES"));
        for (String service : DATA_SERVICES.keySet()) {
            String variable = service.substring(0, service.indexOf('-')).toUpperCase() + "_URL";
            int port = byKind(Service.class).get(service).getSpec().getPorts().get(0).getPort();
            assertEquals("http://" + service + ":" + port, env(gateway, variable));
        }
    }

    @Test
    void theDatabaseRolesJobRunsTheSameScriptAsTheTestsAndTheLocalStack() throws IOException {
        String original = Files.readString(Path.of("../embedded-servers/src/main/resources/db-roles/service-roles.sql"));
        String shipped = byKind(ConfigMap.class).get("db-roles-script").getData().get("service-roles.sql");
        assertEquals(original.strip(), shipped.strip());
        Job job = byKind(Job.class).get("db-roles");
        String script = onlyContainer(job.getSpec().getTemplate().getSpec(), "db-roles").getArgs().get(0);
        for (String schema : DATA_SERVICES.values()) {
            assertTrue(script.contains(schema.toLowerCase()), "db-roles makes the " + schema.toLowerCase() + " roles");
        }
    }

    @Test
    void theTopicsJobCreatesEveryContractTopicAndItsDeadLetterTopic() throws IllegalAccessException {
        Set<String> expected = new HashSet<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && !field.getName().equals("DEAD_LETTER_SUFFIX")) {
                String topic = (String) field.get(null);
                expected.add(topic);
                expected.add(Topics.deadLetterOf(topic));
            }
        }
        assertEquals(expected, topicPartitions().keySet());
        assertNotNull(byKind(Job.class).get("kafka-topics"));
    }

    private Map<String, Integer> topicPartitions() {
        Map<String, Integer> partitions = new HashMap<>();
        for (String line : byKind(ConfigMap.class).get("kafka-topics").getData().get("topics").split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2) {
                partitions.put(parts[0], Integer.parseInt(parts[1]));
            }
        }
        return partitions;
    }

    private static void assertProbe(String name, String which, Probe probe, String path) {
        assertNotNull(probe, name + " has a " + which + " probe");
        assertEquals(path, probe.getHttpGet().getPath(), name + " " + which);
        assertEquals("http", probe.getHttpGet().getPort().getStrVal(), name + " " + which + " probes the http port");
    }

    private static boolean selects(Map<String, String> selector, Deployment deployment) {
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        return selector != null && !selector.isEmpty()
                && selector.entrySet().stream().allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())))
                && deployment.getSpec().getSelector().getMatchLabels().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())));
    }

    private static Set<String> keys(Map<String, String> one, Map<String, String> other) {
        Set<String> keys = new HashSet<>();
        if (one != null) {
            keys.addAll(one.keySet());
        }
        if (other != null) {
            keys.addAll(other.keySet());
        }
        return keys;
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no " + name));
    }

    private static Container onlyContainer(PodSpec pod, String owner) {
        assertEquals(1, pod.getContainers().size(), owner);
        return pod.getContainers().get(0);
    }

    private Map<String, PodSpec> podSpecs() {
        Map<String, PodSpec> pods = new HashMap<>();
        byKind(Deployment.class).forEach((name, d) -> pods.put("Deployment " + name, d.getSpec().getTemplate().getSpec()));
        byKind(Job.class).forEach((name, j) -> pods.put("Job " + name, j.getSpec().getTemplate().getSpec()));
        return pods;
    }

    private <T extends HasMetadata> Map<String, T> byKind(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast)
                .collect(Collectors.toMap(r -> r.getMetadata().getName(), r -> r));
    }

    private static String name(HasMetadata resource) {
        return resource.getKind() + " " + resource.getMetadata().getName();
    }

    /** Every document of every file the kustomization lists, typed by its apiVersion and kind. */
    private static List<HasMetadata> load() {
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<HasMetadata> loaded = new ArrayList<>();
        try {
            String kustomization = Files.readString(MANIFESTS.resolve("kustomization.yaml"), StandardCharsets.UTF_8);
            List<String> files = Arrays.stream(kustomization.split("\n")).map(String::trim)
                    .filter(l -> l.startsWith("- ") && l.endsWith(".yaml")).map(l -> l.substring(2)).toList();
            try (Stream<Path> all = Files.list(MANIFESTS)) {
                assertEquals(all.map(p -> p.getFileName().toString()).filter(f -> !f.equals("kustomization.yaml"))
                        .collect(Collectors.toSet()), Set.copyOf(files), "the kustomization lists every manifest");
            }
            for (String file : files) {
                for (String document : Files.readString(MANIFESTS.resolve(file), StandardCharsets.UTF_8)
                        .split("(?m)^---\\s*$")) {
                    if (document.lines().anyMatch(l -> l.startsWith("kind:"))) {
                        Object resource = serialization.unmarshal(document);
                        assertTrue(resource instanceof HasMetadata, file + ": " + resource);
                        loaded.add((HasMetadata) resource);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return loaded;
    }
}
