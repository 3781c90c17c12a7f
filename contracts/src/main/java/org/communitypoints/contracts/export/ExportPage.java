package org.communitypoints.contracts.export;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One page of a cursor-paged export, in the export's stable order.
 *
 * @param items the rows after the cursor asked for, at most the requested limit; empty when nothing new
 * @param nextCursor pass as {@code after} to read on; equal to the request's cursor (or null on the first
 *        request of an empty export) when nothing new was there. Opaque: consumers store it, never parse it
 * @param <T> the row type ({@link ShiftExportItem}, {@link JournalEntry}, {@link RedemptionExportRow})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExportPage<T>(List<T> items, @Schema(nullable = true) String nextCursor) {

    public ExportPage {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
