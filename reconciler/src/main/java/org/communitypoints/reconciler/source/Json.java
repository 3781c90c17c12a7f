package org.communitypoints.reconciler.source;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.communitypoints.reconciler.client.CouldNotRunException;

import com.fasterxml.jackson.databind.JsonNode;

/** Tolerant field access for the adapters: an export may rename a field, so each read names its candidates. */
final class Json {

    private Json() {
    }

    static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull()) {
                return value.asText();
            }
        }
        return null;
    }

    static String requiredText(String export, JsonNode node, String... names) {
        String value = text(node, names);
        if (value == null) {
            throw new CouldNotRunException("the " + export + " export sent an item without " + names[0] + ": " + node);
        }
        return value;
    }

    static Long number(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull()) {
                return value.asLong();
            }
        }
        return null;
    }

    static long requiredNumber(String export, JsonNode node, String... names) {
        Long value = number(node, names);
        if (value == null) {
            throw new CouldNotRunException("the " + export + " export sent an item without " + names[0] + ": " + node);
        }
        return value;
    }

    static Instant instant(JsonNode node, String... names) {
        String text = text(node, names);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new CouldNotRunException("not a timestamp in " + names[0] + ": " + text, e);
        }
    }
}
