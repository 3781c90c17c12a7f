package org.communitypoints.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.communitypoints.embedded.PostgresServerSettings.Durability;
import org.junit.jupiter.api.Test;

class DatabaseDurabilityTest {

    @Test
    void theLocalStacksDatabaseIsDurableUnlessAskedOtherwise() {
        assertEquals(Durability.DURABLE, Infrastructure.durability(null, null));
        assertEquals(Durability.DURABLE, Infrastructure.durability("false", " "));
    }

    @Test
    void fastUnsafeByFlagOrVariableSkipsTheDiskFlushes() {
        assertEquals(Durability.THROW_AWAY, Infrastructure.durability("true", null));
        assertEquals(Durability.THROW_AWAY, Infrastructure.durability(null, "1"));
    }
}
