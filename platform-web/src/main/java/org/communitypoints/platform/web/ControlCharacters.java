package org.communitypoints.platform.web;

/**
 * The characters no field or parameter of the suite accepts: the C0 controls U+0000–U+001F, DEL (U+007F) and
 * UTF-16 surrogates that do not form a pair.
 *
 * <p>
 * Why: PostgreSQL refuses U+0000 in text, so a NUL used to reach the database and come back as a 500; the other
 * controls are invisible in every screen and spreadsheet the values end up in, and a lone surrogate cannot be
 * encoded as UTF-8 at all. Nothing a resident types produces them.
 *
 * <p>
 * Free text (titles, descriptions, notes) keeps TAB, LF and CR: notes are multi-line, and text pasted from
 * office documents carries tabs. A query or path parameter is one value on one line, so it allows none of them.
 * (Header values never reach the application with a control character or DEL: the HTTP server refuses them.)
 */
public final class ControlCharacters {

    private static final int NONE = -1;

    private ControlCharacters() {
    }

    /** @return the index of the first character free text may not hold, or -1 */
    public static int firstForbiddenInText(String text) {
        return firstForbidden(text, true);
    }

    /** @return the index of the first character a query or path parameter may not hold, or -1 */
    public static int firstForbiddenInParameter(String value) {
        return firstForbidden(value, false);
    }

    /** "U+0000 at character 6" (1-based, as a person counts), for the message naming the offending value. */
    public static String describe(String text, int index) {
        return codeOf(text, index) + " at character " + (index + 1);
    }

    /** "U+0000": the offending character, named since it cannot be shown. */
    public static String codeOf(String text, int index) {
        return String.format("U+%04X", (int) text.charAt(index));
    }

    private static int firstForbidden(String text, boolean freeText) {
        if (text == null) {
            return NONE;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                if (!(freeText && (c == '\t' || c == '\n' || c == '\r'))) {
                    return i;
                }
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++; // a pair: one character outside the BMP (some CJK ideographs, emoji)
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return NONE;
    }

    private static boolean isControl(char c) {
        return c < 0x20 || c == 0x7F;
    }
}
