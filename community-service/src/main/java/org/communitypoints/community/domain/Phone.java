package org.communitypoints.community.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A resident's phone number: a mainland mobile number (11 digits starting 1[3-9]) or a landline with its area code
 * (0 + 9 to 11 digits), written with or without spaces, hyphens or a +86 prefix; stored as digits only. Every answer
 * shows it {@link #masked masked}: the registry needs it to call a resident back, nobody needs to read it whole
 * from a screen.
 */
public final class Phone {

    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
    private static final Pattern LANDLINE = Pattern.compile("0[1-9][0-9]{8,10}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");

    private Phone() {
    }

    /** @return the number as digits, or empty when it is no phone number this registry accepts */
    public static Optional<String> normalize(String written) {
        if (written == null) {
            return Optional.empty();
        }
        String digits = SEPARATORS.matcher(written.strip()).replaceAll("");
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        }
        return MOBILE.matcher(digits).matches() || LANDLINE.matcher(digits).matches() ? Optional.of(digits)
                : Optional.empty();
    }

    /** {@code 13812341234} → {@code *******1234}: every digit but the last four hidden, the length kept. */
    public static String masked(String digits) {
        if (digits == null) {
            return null;
        }
        int shown = Math.min(4, digits.length());
        return "*".repeat(digits.length() - shown) + digits.substring(digits.length() - shown);
    }
}
