package org.communitypoints.reconciler.source;

import java.util.function.Consumer;
import java.util.function.Function;

import org.communitypoints.contracts.export.ExportPage;
import org.communitypoints.reconciler.client.CouldNotRunException;
import org.communitypoints.reconciler.client.ExportCalls;

/** Reads a cursor-paged export to its end, one page at a time. */
final class ExportPages {

    private ExportPages() {
    }

    /**
     * @param after the cursor to start after (null: from the beginning)
     * @param fetch asks for the page after a cursor
     * @return the cursor to resume from next time: the last nextCursor, or {@code after} when nothing was there
     */
    static <T> String readAll(ExportCalls calls, String export, String after, Function<String, ExportPage<T>> fetch,
            Consumer<T> each) {
        String cursor = after;
        while (true) {
            String asked = cursor;
            ExportPage<T> page = calls.call(export, () -> fetch.apply(asked));
            page.items().forEach(each);
            String next = page.nextCursor();
            if (next == null || next.isEmpty()) {
                if (!page.items().isEmpty()) {
                    throw new CouldNotRunException("the " + export + " export sent items but no nextCursor to resume from");
                }
                return cursor;
            }
            if (page.items().isEmpty() || next.equals(cursor)) {
                return next;
            }
            cursor = next;
        }
    }

    static <T> T required(String export, String field, T value) {
        if (value == null) {
            throw new CouldNotRunException("the " + export + " export sent an item without " + field);
        }
        return value;
    }
}
