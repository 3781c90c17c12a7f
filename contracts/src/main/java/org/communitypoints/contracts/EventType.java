package org.communitypoints.contracts;

import java.util.Arrays;
import java.util.Optional;

import org.communitypoints.contracts.events.HoldCaptureRequested;
import org.communitypoints.contracts.events.HoldReleaseRequested;
import org.communitypoints.contracts.events.HoldRequested;
import org.communitypoints.contracts.events.HouseholdChanged;
import org.communitypoints.contracts.events.MemberChanged;
import org.communitypoints.contracts.events.PointsCaptureRejected;
import org.communitypoints.contracts.events.PointsCaptured;
import org.communitypoints.contracts.events.PointsExpiring;
import org.communitypoints.contracts.events.PointsHeld;
import org.communitypoints.contracts.events.PointsHoldRejected;
import org.communitypoints.contracts.events.PointsReleased;
import org.communitypoints.contracts.events.ProxyChanged;
import org.communitypoints.contracts.events.ShiftCorrected;
import org.communitypoints.contracts.events.ShiftVerified;

/** Every event type: its name on the wire, schema version, topic and payload record. */
public enum EventType {
    SHIFT_VERIFIED("ShiftVerified", 1, Topics.SHIFTS, ShiftVerified.class),
    SHIFT_CORRECTED("ShiftCorrected", 1, Topics.SHIFTS, ShiftCorrected.class),
    HOLD_REQUESTED("HoldRequested", 1, Topics.REDEMPTIONS, HoldRequested.class),
    HOLD_CAPTURE_REQUESTED("HoldCaptureRequested", 1, Topics.REDEMPTIONS, HoldCaptureRequested.class),
    HOLD_RELEASE_REQUESTED("HoldReleaseRequested", 1, Topics.REDEMPTIONS, HoldReleaseRequested.class),
    POINTS_HELD("PointsHeld", 1, Topics.HOLDS, PointsHeld.class),
    POINTS_HOLD_REJECTED("PointsHoldRejected", 1, Topics.HOLDS, PointsHoldRejected.class),
    POINTS_CAPTURED("PointsCaptured", 1, Topics.HOLDS, PointsCaptured.class),
    POINTS_CAPTURE_REJECTED("PointsCaptureRejected", 1, Topics.HOLDS, PointsCaptureRejected.class),
    POINTS_RELEASED("PointsReleased", 1, Topics.HOLDS, PointsReleased.class),
    MEMBER_CHANGED("MemberChanged", 1, Topics.REGISTRY, MemberChanged.class),
    HOUSEHOLD_CHANGED("HouseholdChanged", 1, Topics.REGISTRY, HouseholdChanged.class),
    PROXY_CHANGED("ProxyChanged", 1, Topics.REGISTRY, ProxyChanged.class),
    POINTS_EXPIRING("PointsExpiring", 1, Topics.NOTICES, PointsExpiring.class);

    private final String typeName;
    private final int schemaVersion;
    private final String topic;
    private final Class<? extends ContractEvent> payloadType;

    EventType(String typeName, int schemaVersion, String topic, Class<? extends ContractEvent> payloadType) {
        this.typeName = typeName;
        this.schemaVersion = schemaVersion;
        this.topic = topic;
        this.payloadType = payloadType;
    }

    public String typeName() {
        return typeName;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends ContractEvent> payloadType() {
        return payloadType;
    }

    public static EventType of(Class<?> payloadType) {
        return Arrays.stream(values())
                .filter(t -> t.payloadType.equals(payloadType))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not a contract event: " + payloadType.getSimpleName()));
    }

    /** Empty for a type this build does not know: consumers skip such events rather than fail on them. */
    public static Optional<EventType> byName(String typeName) {
        return Arrays.stream(values()).filter(t -> t.typeName.equals(typeName)).findFirst();
    }
}
