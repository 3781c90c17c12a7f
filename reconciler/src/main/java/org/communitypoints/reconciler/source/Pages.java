package org.communitypoints.reconciler.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.communitypoints.reconciler.client.CouldNotRunException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Cursor paging shared by the exports: {@code {"items": [...], "nextCursor": ...}} (the list is called
 * {@code entries} in the journal export and {@code balances} in the balance export), asked again with
 * {@code after=nextCursor} until a page is empty or the cursor stops moving. Each page is parsed as a
 * stream, item by item, so not even one page is held as a whole.
 */
final class Pages {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long MAX_THROTTLED_MILLIS = 15 * 60 * 1000;
    private static final int UNAVAILABLE_RETRIES = 3;
    private static final java.util.Set<String> LIST_FIELDS = java.util.Set.of("items", "entries", "balances");

    /** Reads one item; the parser stands on the item's START_OBJECT and must be left on its END_OBJECT. */
    @FunctionalInterface
    interface ItemReader {
        void read(JsonParser parser) throws IOException;
    }

    private Pages() {
    }

    /** An item reader for adapters that map a small tree per item. */
    static ItemReader trees(Consumer<JsonNode> item) {
        return parser -> item.accept(parser.readValueAsTree());
    }

    /** Feeds every item after {@code after} to {@code item}; returns the cursor to resume from. */
    static String readAll(String export, String after, Function<String, InputStream> fetch, ItemReader item) {
        return readAll(export, after, fetch, item, true);
    }

    /**
     * @param resumable whether the export must give a cursor to resume from; a point-in-time export
     *        (balances) may answer everything in one list without one
     */
    static String readAll(String export, String after, Function<String, InputStream> fetch, ItemReader item,
            boolean resumable) {
        String cursor = after;
        while (true) {
            String asked = cursor;
            long[] items = { 0 };
            String next;
            try (InputStream body = call(export, () -> fetch.apply(asked)); JsonParser parser = MAPPER.createParser(body)) {
                next = readPage(export, parser, item, items);
            } catch (IOException e) {
                throw new CouldNotRunException("could not read the " + export + " export: " + e.getMessage(), e);
            }
            if (next == null || next.isEmpty()) {
                if (resumable && items[0] > 0) {
                    throw new CouldNotRunException("the " + export + " export sent items but no nextCursor to resume from");
                }
                return cursor;
            }
            if (items[0] == 0 || next.equals(cursor)) {
                return next;
            }
            cursor = next;
        }
    }

    /** Streams one page's items to {@code item}; returns its nextCursor (null if none). */
    private static String readPage(String export, JsonParser parser, ItemReader item, long[] count) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == JsonToken.START_ARRAY) {
            readItems(parser, item, count);
            return null;
        }
        if (first != JsonToken.START_OBJECT) {
            throw new CouldNotRunException("the " + export + " export answered something that is not a page: " + first);
        }
        String next = null;
        boolean listSeen = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_ARRAY && LIST_FIELDS.contains(name)) {
                readItems(parser, item, count);
                listSeen = true;
            } else if (name.equals("nextCursor")) {
                next = value == JsonToken.VALUE_NULL ? null : parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        if (!listSeen) {
            throw new CouldNotRunException("the " + export + " export answered without a list of items");
        }
        return next;
    }

    private static void readItems(JsonParser parser, ItemReader item, long[] count) throws IOException {
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            item.read(parser);
            count[0]++;
        }
    }

    /**
     * One request, retried when the gateway asks the caller to slow down (429, after its Retry-After)
     * or a service is briefly unavailable (502/503/504, three times with growing pauses): a nightly job
     * should outlast a rate limit or a restart, not fail on it.
     */
    static <T> T call(String export, Supplier<T> request) {
        long throttledMillis = 0;
        int unavailable = 0;
        while (true) {
            try {
                T answer = request.get();
                if (answer == null) {
                    throw new CouldNotRunException("the " + export + " export answered with no body");
                }
                return answer;
            } catch (WebApplicationException e) {
                int status = e.getResponse().getStatus();
                if (status == 429 && throttledMillis < MAX_THROTTLED_MILLIS) {
                    long pause = retryAfterMillis(e);
                    throttledMillis += pause;
                    pause(pause);
                    continue;
                }
                if ((status == 502 || status == 503 || status == 504) && unavailable < UNAVAILABLE_RETRIES) {
                    pause(1000L << unavailable++);
                    continue;
                }
                String hint = status == 401 || status == 403 ? " (is the reconciler role granted to the service account?)" : "";
                throw new CouldNotRunException("the " + export + " export answered HTTP " + status + hint, e);
            } catch (ProcessingException e) {
                throw new CouldNotRunException("could not read the " + export + " export: " + rootMessage(e), e);
            }
        }
    }

    private static long retryAfterMillis(WebApplicationException e) {
        String header = e.getResponse().getHeaderString("Retry-After");
        try {
            return header == null ? 1000 : Math.max(100, Long.parseLong(header.trim()) * 1000);
        } catch (NumberFormatException notSeconds) {
            return 1000;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // wait as the gateway asked (Retry-After) or while a service restarts
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CouldNotRunException("interrupted while waiting to ask an export again", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
