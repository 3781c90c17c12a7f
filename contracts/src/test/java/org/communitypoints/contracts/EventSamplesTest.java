package org.communitypoints.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.communitypoints.contracts.events.HouseholdCategory;
import org.communitypoints.contracts.events.HouseholdChanged;
import org.communitypoints.contracts.events.ShiftVerified;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventSamplesTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeHasASampleThatDecodesToItsRecordAndBack(EventType type) throws IOException {
        String json = sample(type.typeName());

        EventEnvelope envelope = EventCodec.decode(json);
        Object payload = EventCodec.payload(envelope, type.payloadType());

        assertEquals(type.typeName(), envelope.type());
        assertEquals(type, EventType.byName(envelope.type()).orElseThrow());
        assertEquals(envelope.key(), ((ContractEvent) payload).memberId(), "the key is the resident");
        EventEnvelope rewrapped = EventEnvelope.wrap(envelope.eventId(), envelope.communityId(), envelope.occurredAt(),
                (ContractEvent) payload);
        assertEquals(envelope, EventCodec.decode(EventCodec.encode(rewrapped)));
    }

    @Test
    void unknownFieldsFromNewerProducersAreIgnored() throws IOException {
        String json = sample("ShiftVerified")
                .replace("\"minutes\": 120,", "\"minutes\": 120, \"weather\": \"sunny\",")
                .replace("\"schemaVersion\": 1,", "\"schemaVersion\": 1, \"traceparent\": \"00-abc\",");

        ShiftVerified shift = EventCodec.payload(EventCodec.decode(json), ShiftVerified.class);

        assertEquals(120, shift.minutes());
        assertEquals("食堂秩序维护 · 午餐", shift.activityTitle());
    }

    @Test
    void aHouseholdCategoryFromANewerProducerReadsAsNullAndTheKnownOnesStay() throws IOException {
        String json = sample("HouseholdChanged").replace("{ \"code\": \"DIBAO\",",
                "{ \"code\": \"SINGLE_PARENT\", \"validFrom\": \"2026-01-01\" }, { \"code\": \"DIBAO\",");

        HouseholdChanged household = EventCodec.payload(EventCodec.decode(json), HouseholdChanged.class);

        assertEquals(2, household.categories().size());
        assertNull(household.categories().get(0).code());
        assertEquals(HouseholdCategory.DIBAO, household.categories().get(1).code());
        assertEquals("低保", household.categories().get(1).code().label());
    }

    @Test
    void unknownEventTypesAreRecognisedAsUnknown() {
        assertTrue(EventType.byName("SomethingNew").isEmpty());
    }

    @Test
    void garbageIsAMalformedEventNotACrash() {
        assertThrows(MalformedEventException.class, () -> EventCodec.decode("{not json"));
        assertThrows(MalformedEventException.class, () -> EventCodec.decode("{\"type\":\"ShiftVerified\"}"));
        assertThrows(MalformedEventException.class, () -> EventCodec.decode("null"));
    }

    @Test
    void wrapUsesTheResidentAsKeyAndTheTypesName() {
        ShiftVerified shift = new ShiftVerified(UUID.randomUUID(), "resident-a", UUID.randomUUID(), "巡逻",
                "patrol", java.time.LocalDate.parse("2026-11-20"), 60, 10, 1, "grid-b", Instant.now());

        EventEnvelope envelope = EventEnvelope.wrap(UUID.randomUUID(), "wutong", Instant.now(), shift);

        assertEquals("resident-a", envelope.key());
        assertEquals("ShiftVerified", envelope.type());
        assertNotNull(envelope.payload().get("shiftId"));
    }

    private static String sample(String typeName) throws IOException {
        try (InputStream in = EventSamplesTest.class.getResourceAsStream("/samples/" + typeName + ".json")) {
            assertNotNull(in, "missing samples/" + typeName + ".json");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
