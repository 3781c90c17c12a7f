package org.communitypoints.platform.data;

import java.time.Instant;
import java.util.List;

/**
 * One dead letter as the store keeps it and the operator sees it: a record a consumer could never apply,
 * where it came from, exactly what it held, why it failed, and whether it has been re-driven.
 *
 * @param id the dead letter's id in this service (also the {@code dead-letter-id} header of the dead-letter
 *        record and of a re-drive)
 * @param key the original record's key, null when it had none
 * @param value the original record's value (a NUL character, which no valid event holds, is kept as the text
 *        {@code \u0000})
 * @param headers the original record's headers, in order
 * @param reason why it could not be applied, one line
 * @param stackSummary the first lines of the failure's stack, for whoever has to fix it
 * @param attempts how often the consumer tried it (alone or in its batch)
 * @param redrivenAt when an operator re-drove it; null while waiting
 * @param redrivenBy who re-drove it (the token's subject); null while waiting
 * @param redrivenFrom the earlier dead letter this record was re-driven from, when it failed again after a
 *        re-drive; null otherwise
 */
public record DeadLetter(long id, String sourceTopic, int sourcePartition, long sourceOffset, String key, String value,
        List<Header> headers, String reason, String stackSummary, Instant firstAttempt, Instant lastAttempt,
        int attempts, State state, Instant redrivenAt, String redrivenBy, Long redrivenFrom, Instant createdAt) {

    /** WAITING for an operator, or REDRIVEN: published again to its topic. */
    public enum State {
        WAITING,
        REDRIVEN
    }

    /**
     * One header of the original record.
     *
     * @param value UTF-8 text, or base64 when the bytes are not text; null for a header without value
     */
    public record Header(String name, String value) {
    }
}
