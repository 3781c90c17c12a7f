package org.communitypoints.reconciler.source;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import com.fasterxml.jackson.databind.JsonNode;

import org.communitypoints.reconciler.client.CouldNotRunException;

/**
 * Cursor paging shared by the exports: {@code {"items": [...], "nextCursor": ...}} (the list is called
 * {@code entries} in the journal export), ask again with
 * {@code after=nextCursor} until a page is empty or the cursor stops moving. Only one page is in
 * memory at a time.
 */
final class Pages {

    private static final String[] LIST_FIELDS = { "items", "entries", "balances" };

    private Pages() {
    }

    /** Feeds every item after {@code after} to {@code item}; returns the cursor to resume from. */
    static String readAll(String export, String after, Function<String, JsonNode> fetch, Consumer<JsonNode> item) {
        return readAll(export, after, fetch, item, true);
    }

    /**
     * @param resumable whether the export must give a cursor to resume from; a point-in-time export
     *        (balances) may answer everything in one list without one
     */
    static String readAll(String export, String after, Function<String, JsonNode> fetch, Consumer<JsonNode> item,
            boolean resumable) {
        String cursor = after;
        while (true) {
            String asked = cursor;
            JsonNode page = call(export, () -> fetch.apply(asked));
            JsonNode items = page.isArray() ? page : list(page);
            if (!items.isArray()) {
                throw new CouldNotRunException("the " + export + " export answered without an items list");
            }
            for (JsonNode node : items) {
                item.accept(node);
            }
            String next = page.isArray() ? null : Json.text(page, "nextCursor", "next");
            if (next == null || next.isEmpty()) {
                if (resumable && !items.isEmpty()) {
                    throw new CouldNotRunException("the " + export + " export sent items but no nextCursor to resume from");
                }
                return cursor;
            }
            if (items.isEmpty() || next.equals(cursor)) {
                return next;
            }
            cursor = next;
        }
    }

    /** The page's list: {@code items} (activity, catalog), {@code entries} (journal) or {@code balances}. */
    private static JsonNode list(JsonNode page) {
        for (String name : LIST_FIELDS) {
            JsonNode list = page.get(name);
            if (list != null && list.isArray()) {
                return list;
            }
        }
        return page.path("items");
    }

    static JsonNode call(String export, Supplier<JsonNode> request) {
        return call(export, request, false);
    }

    static JsonNode call(String export, Supplier<JsonNode> request, boolean mayBeEmpty) {
        try {
            JsonNode answer = request.get();
            if (answer == null && !mayBeEmpty) {
                throw new CouldNotRunException("the " + export + " export answered with no body");
            }
            return answer;
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String hint = status == 401 || status == 403 ? " (is the reconciler role granted to the service account?)" : "";
            throw new CouldNotRunException("the " + export + " export answered HTTP " + status + hint, e);
        } catch (ProcessingException e) {
            throw new CouldNotRunException("could not read the " + export + " export: " + rootMessage(e), e);
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
