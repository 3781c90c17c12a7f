package org.communitypoints.contracts;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Ids derived from their cause, so that the same cause gives the same id on every retry, redelivery and
 * replay: an event announcing a verified shift, a ledger transaction crediting it, a saga step of a
 * redemption. Whoever repeats the work computes the same id and the unique key on that id drops the repeat;
 * nobody has to remember which random id was handed out the first time.
 *
 * <p>
 * One recipe for the whole suite: a version 3 (MD5, name-based) UUID of the parts joined with {@code "|"},
 * UTF-8 encoded. It is exactly the recipe the points ledger has always used for its transaction ids, so ids
 * already in the journal stay what they are. Start the parts with a word naming the kind of thing
 * ({@code "shift-credit"}, {@code "answer"}), then the ids of its cause, so two kinds of id never collide.
 *
 * <p>
 * A single part is hashed as it is, with nothing added: {@code DerivedIds.of("ShiftVerified:" + shiftId)}
 * gives the same UUID as the older {@code UUID.nameUUIDFromBytes(("ShiftVerified:" + shiftId).getBytes(UTF_8))},
 * so a service can move to this class without changing an id it has already published. Change the text of a
 * part only knowing that every id derived from it changes with it (a consumer deduplicating by that id would
 * then see a repeat as new).
 *
 * <p>
 * The separator is not escaped: {@code of("a|b")} equals {@code of("a", "b")}. Parts are ids, enum names
 * and fixed words, none of which contains {@code "|"}; do not pass free text.
 */
public final class DerivedIds {

    /** Joins the parts; part of the recipe, so never change it. */
    public static final String SEPARATOR = "|";

    private DerivedIds() {
    }

    /**
     * @param parts the kind of id, then what it is derived from; at least one, none null
     * @return the same UUID for the same parts, always
     */
    public static UUID of(String... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("an id needs at least one part to derive it from");
        }
        for (String part : parts) {
            // "null" would silently become part of the id and collide with every other missing cause.
            Objects.requireNonNull(part, "a part of a derived id is null");
        }
        return UUID.nameUUIDFromBytes(String.join(SEPARATOR, parts).getBytes(StandardCharsets.UTF_8));
    }
}
