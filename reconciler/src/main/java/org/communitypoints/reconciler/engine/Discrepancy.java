package org.communitypoints.reconciler.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One broken invariant, with the ids someone needs to fix it.
 *
 * @param ids named ids in a stable order (shiftId, memberId, transactionIds, ...)
 * @param expected what the books should say
 * @param actual what they say
 * @param fix what to do about it, in words
 */
public record Discrepancy(
        DiscrepancyType type,
        Map<String, String> ids,
        String expected,
        String actual,
        String fix) {

    /** Named ids in the order given: {@code ids("shiftId", id, "memberId", member)}; null values become "". */
    static Map<String, String> ids(String... namesAndValues) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            ids.put(namesAndValues[i], namesAndValues[i + 1] == null ? "" : namesAndValues[i + 1]);
        }
        return ids;
    }

    /** The ids as one stable string, for sorting and for the summary. */
    public String idText() {
        StringBuilder text = new StringBuilder();
        ids.forEach((name, value) -> {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(name).append('=').append(value);
        });
        return text.toString();
    }
}
