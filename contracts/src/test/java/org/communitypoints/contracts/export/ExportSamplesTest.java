package org.communitypoints.contracts.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The sample of each export decodes into its record and re-encodes to the same data. */
class ExportSamplesTest {

    /** A consumer with Jackson's defaults (unknown fields fail unless the record says otherwise). */
    private static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    @Test
    void shiftPageCarriesVerificationsAndCorrections() throws IOException {
        ExportPage<ShiftExportItem> page = roundTrip("shifts-page.json", new TypeReference<>() {
        });

        assertEquals(List.of(ShiftExportType.SHIFT_VERIFIED, ShiftExportType.SHIFT_CORRECTED),
                page.items().stream().map(ShiftExportItem::type).toList());
        assertEquals(-5, page.items().get(1).correctedPoints() - page.items().get(1).previousPoints());
        assertEquals("812:2", page.nextCursor());
    }

    @Test
    void aReversalNamesTheTransactionItUndoes() throws IOException {
        ExportPage<JournalEntry> page = roundTrip("journal-page.json", new TypeReference<>() {
        });

        JournalEntry credit = page.items().get(0);
        JournalEntry reversal = page.items().get(2);
        assertEquals(Optional.empty(), credit.reversedTransactionId());
        assertEquals(Optional.of(credit.transactionId()), reversal.reversedTransactionId());
        assertEquals("resident-001", credit.ownerId());
        assertEquals(AccountType.ISSUANCE, page.items().get(1).accountType());
    }

    @Test
    void anAdjustmentNamesItsMakerAndItsChecker() throws IOException {
        ExportPage<JournalEntry> page = roundTrip("journal-page.json", new TypeReference<>() {
        });

        JournalEntry credit = page.items().get(0);
        JournalEntry adjustment = page.items().get(4);
        assertEquals(TransactionKind.ADJUSTMENT, adjustment.kind());
        assertEquals("staff-chen", adjustment.actor());
        assertEquals("staff-lin", adjustment.approvedBy());
        assertEquals("gridworker-wang", credit.actor());
        assertEquals(null, credit.approvedBy());
    }

    @Test
    void aReconciliationRunNamesEachCheckAndEachDiscrepancysCommunity() throws IOException {
        ReconciliationRun run = roundTrip("reconciliation-run.json", new TypeReference<>() {
        });

        assertEquals(ReconciliationRun.Outcome.DISCREPANCIES, run.outcome());
        assertEquals(List.of("ledger", "chain"), run.checks().stream().map(ReconciliationRun.Check::name).toList());
        assertEquals("c-001", run.discrepancies().get(0).communityId());
    }

    @Test
    void balanceRowsKeepTheStoredRowBesideThePostingSums() throws IOException {
        BalanceExport export = roundTrip("balances.json", new TypeReference<>() {
        });

        assertEquals(0L, export.balances().get(0).storedPosted());
        assertNull(export.balances().get(1).storedPosted(), "the issuance account keeps no balance row");
    }

    @Test
    void redemptionRowsCarryHistoryAndHoldExpiry() throws IOException {
        ExportPage<RedemptionExportRow> page = roundTrip("redemptions-page.json", new TypeReference<>() {
        });

        RedemptionExportRow row = page.items().get(0);
        assertEquals(RedemptionState.CAPTURED, row.state());
        assertEquals(4, row.history().size());
        assertEquals("2026-12-19T16:00:00Z", row.holdExpiresAt().toString());
    }

    @Test
    void settlementSaysWhatThePartnerAccountMustHaveReceived() throws IOException {
        PartnerSettlement settlement = roundTrip("settlement.json", new TypeReference<>() {
        });

        assertEquals(40, settlement.capturedValue());
        assertFalse(MAPPER.writeValueAsString(settlement).contains("capturedValue"), "derived, not on the wire");
    }

    @Test
    void unknownFieldsAndUnknownKindsFromNewerProducersAreTolerated() throws IOException {
        String json = sample("journal-page.json").replace("\"kind\": \"SHIFT_CREDIT\"", "\"kind\": \"INTEREST\"")
                .replace("\"pending\": false,", "\"pending\": false, \"branch\": \"north\",");

        ExportPage<JournalEntry> page = MAPPER.readValue(json, new TypeReference<>() {
        });

        assertEquals(TransactionKind.UNKNOWN, page.items().get(0).kind());
        assertEquals(TransactionKind.REVERSAL, page.items().get(2).kind());
    }

    @Test
    void aNumericCursorIsReadAsText() throws IOException {
        ExportPage<RedemptionExportRow> page = MAPPER.readValue("{\"items\": [], \"nextCursor\": 41}",
                new TypeReference<>() {
                });

        assertEquals("41", page.nextCursor());
        assertEquals(List.of(), page.items());
    }

    private static <T> T roundTrip(String name, TypeReference<T> type) throws IOException {
        String json = sample(name);
        JavaType javaType = MAPPER.getTypeFactory().constructType(type);
        T decoded = MAPPER.readValue(json, javaType);
        assertEquals(MAPPER.readTree(json), MAPPER.readTree(MAPPER.writeValueAsString(decoded)),
                name + " re-encodes to the same JSON");
        T again = MAPPER.readValue(MAPPER.writeValueAsString(decoded), javaType);
        assertEquals(decoded, again);
        return decoded;
    }

    private static String sample(String name) throws IOException {
        try (InputStream in = ExportSamplesTest.class.getResourceAsStream("/samples/export/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
