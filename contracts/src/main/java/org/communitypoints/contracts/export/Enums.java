package org.communitypoints.contracts.export;

/** Reads an enum value a consumer may not know yet as a fallback instead of failing the whole page. */
final class Enums {

    private Enums() {
    }

    static <E extends Enum<E>> E tolerant(Class<E> type, String name, E unknown) {
        if (name == null) {
            return unknown;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException notKnownHere) {
            return unknown;
        }
    }
}
