package org.communitypoints.points.domain;

import java.util.Optional;

/**
 * What a shift credit says on the passbook: "志愿服务：" + activity + "（" + minutes + " 分钟）". The minutes are stored
 * with the credit (its {@link ShiftMinutes}), so a credit whose description is exactly this template stores only the
 * activity (V96) and the readers rebuild the rest in SQL from the same pieces ({@code JournalRepository.DESCRIPTION}).
 */
public final class ShiftCreditDescription {

    /** The fixed parts, written out once here and once in the SQL that rebuilds them (a test compares the two). */
    public static final String PREFIX = "志愿服务：";
    public static final String BEFORE_MINUTES = "（";
    public static final String AFTER_MINUTES = " 分钟）";

    private ShiftCreditDescription() {
    }

    public static String of(String activity, int minutes) {
        return PREFIX + activity + BEFORE_MINUTES + minutes + AFTER_MINUTES;
    }

    /** The activity of a description that is exactly {@link #of(String, int)} for these minutes; empty otherwise. */
    public static Optional<String> activityOf(String description, int minutes) {
        String suffix = BEFORE_MINUTES + minutes + AFTER_MINUTES;
        if (description == null || !description.startsWith(PREFIX) || !description.endsWith(suffix)
                || description.length() < PREFIX.length() + suffix.length()) {
            return Optional.empty();
        }
        String activity = description.substring(PREFIX.length(), description.length() - suffix.length());
        // rebuilt and compared, so that what is stored always reads back as the very same text
        return of(activity, minutes).equals(description) ? Optional.of(activity) : Optional.empty();
    }
}
