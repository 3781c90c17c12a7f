package org.communitypoints.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

class TestInfraTest {

    private static final BooleanSupplier DOCKER_PRESENT = () -> true;
    private static final BooleanSupplier DOCKER_ABSENT = () -> false;

    @Test
    void withoutDockerTheTestsRunOnTheEmbeddedServers() {
        assertEquals(TestInfra.EMBEDDED, TestInfra.choose(null, null, DOCKER_ABSENT));
    }

    @Test
    void withDockerTheTestsRunInContainers() {
        assertEquals(TestInfra.CONTAINERS, TestInfra.choose(null, null, DOCKER_PRESENT));
    }

    @Test
    void aRequestedModeIsUsedWithoutAskingDocker() {
        AtomicInteger asked = new AtomicInteger();
        BooleanSupplier counting = () -> {
            asked.incrementAndGet();
            return true;
        };
        assertEquals(TestInfra.EMBEDDED, TestInfra.choose("embedded", null, counting));
        assertEquals(TestInfra.EMBEDDED, TestInfra.choose(null, "EMBEDDED", counting));
        assertEquals(TestInfra.CONTAINERS, TestInfra.choose(null, "containers", DOCKER_ABSENT));
        assertEquals(0, asked.get());
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironment() {
        assertEquals(TestInfra.EMBEDDED, TestInfra.choose("embedded", "containers", DOCKER_PRESENT));
        assertEquals(TestInfra.CONTAINERS, TestInfra.choose("containers", "embedded", DOCKER_ABSENT));
    }

    @Test
    void autoOrBlankLetsDockerDecide() {
        assertEquals(TestInfra.CONTAINERS, TestInfra.choose("auto", "embedded", DOCKER_PRESENT));
        assertEquals(TestInfra.EMBEDDED, TestInfra.choose(" ", "auto", DOCKER_ABSENT));
    }

    @Test
    void anUnknownModeIsRefusedRatherThanGuessed() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> TestInfra.choose("docker", null, DOCKER_PRESENT));
        assertEquals("test.infra/TEST_INFRA must be embedded, containers or auto, not 'docker'", refused.getMessage());
    }

    @Test
    void onThisMachineTheChoiceIsMadeOnceAndRecorded() {
        TestInfra first = TestInfra.current();
        assertEquals(first, TestInfra.current());
        assertEquals(first.name().toLowerCase(), System.getProperty(TestInfra.PROPERTY));
    }
}
