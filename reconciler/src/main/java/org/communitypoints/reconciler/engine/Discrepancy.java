package org.communitypoints.reconciler.engine;

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
