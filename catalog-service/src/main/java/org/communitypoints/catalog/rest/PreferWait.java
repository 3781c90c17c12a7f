package org.communitypoints.catalog.rest;

import java.time.Duration;
import java.util.List;

/**
 * The {@code wait} preference of RFC 7240 ({@code Prefer: wait=5}, possibly among others:
 * {@code Prefer: respond-async, wait=5}). A preference the server does not understand is ignored, not refused
 * (RFC 7240 §2), so an unreadable or negative wait means no wait.
 */
final class PreferWait {

    static final String PREFER = "Prefer";
    static final String PREFERENCE_APPLIED = "Preference-Applied";
    /** Digits enough for any wait worth asking; more is read as "as long as allowed". */
    private static final int MAX_DIGITS = 9;

    private PreferWait() {
    }

    /** The wait asked for in the request's Prefer headers; zero when none is asked or it cannot be read. */
    static Duration asked(List<String> preferHeaders) {
        if (preferHeaders == null) {
            return Duration.ZERO;
        }
        for (String header : preferHeaders) {
            for (String preference : header.split(",")) {
                // A preference's own parameters follow ';' and do not concern the wait.
                String token = preference.split(";", 2)[0].trim();
                int eq = token.indexOf('=');
                if (eq < 0 || !token.substring(0, eq).trim().equalsIgnoreCase("wait")) {
                    continue;
                }
                String value = token.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return seconds(value);
            }
        }
        return Duration.ZERO;
    }

    private static Duration seconds(String value) {
        if (value.isEmpty() || !value.chars().allMatch(Character::isDigit)) {
            return Duration.ZERO;
        }
        String digits = value.replaceFirst("^0+(?=.)", "");
        return digits.length() > MAX_DIGITS ? Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L)
                : Duration.ofSeconds(Long.parseLong(digits));
    }
}
