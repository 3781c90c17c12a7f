package org.communitypoints.reconciler.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.communitypoints.reconciler.engine.Discrepancy;
import org.communitypoints.reconciler.engine.DiscrepancyType;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/** Writes report.json (everything, for machines), summary.txt (for people) and discrepancies.csv (for spreadsheets). */
public final class ReportWriter {

    public static final String JSON = "report.json";
    public static final String SUMMARY = "summary.txt";
    public static final String CSV = "discrepancies.csv";

    private static final int SUMMARY_LINES_PER_TYPE = 20;

    private ReportWriter() {
    }

    public static void write(Path directory, RunFacts facts, List<Discrepancy> discrepancies) throws IOException {
        Files.createDirectories(directory);
        Map<DiscrepancyType, Integer> counts = new EnumMap<>(DiscrepancyType.class);
        discrepancies.forEach(d -> counts.merge(d.type(), 1, Integer::sum));
        writeJson(directory.resolve(JSON), facts, counts, discrepancies);
        writeSummary(directory.resolve(SUMMARY), facts, counts, discrepancies);
        writeCsv(directory.resolve(CSV), discrepancies);
    }

    private static void writeJson(Path file, RunFacts facts, Map<DiscrepancyType, Integer> counts,
            List<Discrepancy> discrepancies) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("mode", facts.mode());
            json.writeStringField("startedAt", facts.startedAt().toString());
            json.writeNumberField("durationMillis", facts.durationMillis());
            json.writeBooleanField("clean", discrepancies.isEmpty());
            json.writeObjectFieldStart("read");
            json.writeNumberField("postings", facts.postings());
            json.writeNumberField("postingsTotal", facts.postingsTotal());
            json.writeNumberField("shiftItems", facts.shiftItems());
            json.writeNumberField("redemptions", facts.redemptions());
            json.writeNumberField("unconfirmedRequests", facts.unconfirmedRequests());
            json.writeNumberField("balances", facts.balances());
            json.writeNumberField("settlements", facts.settlements());
            json.writeEndObject();
            json.writeStringField("settlementSource", facts.settlementSource());
            json.writeObjectFieldStart("cursors");
            json.writeStringField("journal", facts.cursors().journal());
            json.writeStringField("shifts", facts.cursors().shifts());
            json.writeStringField("redemptions", facts.cursors().redemptions());
            json.writeStringField("unconfirmedRequests", facts.cursors().unconfirmedRequests());
            json.writeEndObject();
            json.writeObjectFieldStart("counts");
            for (Map.Entry<DiscrepancyType, Integer> e : counts.entrySet()) {
                json.writeNumberField(e.getKey().name(), e.getValue());
            }
            json.writeEndObject();
            json.writeArrayFieldStart("discrepancies");
            for (Discrepancy d : discrepancies) {
                json.writeStartObject();
                json.writeStringField("type", d.type().name());
                json.writeStringField("meaning", d.type().meaning());
                json.writeObjectFieldStart("ids");
                for (Map.Entry<String, String> id : d.ids().entrySet()) {
                    json.writeStringField(id.getKey(), id.getValue());
                }
                json.writeEndObject();
                json.writeStringField("expected", d.expected());
                json.writeStringField("actual", d.actual());
                json.writeStringField("fix", d.fix());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void writeSummary(Path file, RunFacts facts, Map<DiscrepancyType, Integer> counts,
            List<Discrepancy> discrepancies) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("Reconciliation of the community points books (" + facts.mode() + " run, started "
                    + facts.startedAt() + ", " + facts.durationMillis() + " ms)\n");
            out.write("Read: " + facts.postings() + " postings (" + facts.postingsTotal() + " in total so far), "
                    + facts.shiftItems() + " shift verifications and corrections, " + facts.redemptions()
                    + " redemption changes, " + facts.unconfirmedRequests()
                    + " redemption requests refused for want of confirmation, " + facts.balances()
                    + " account balances, " + facts.settlements()
                    + " partner settlements (from the " + facts.settlementSource() + ").\n\n");
            if (discrepancies.isEmpty()) {
                out.write("RESULT: the books balance. No discrepancy found.\n");
                return;
            }
            out.write("RESULT: " + discrepancies.size() + " discrepancies found.\n\n");
            for (Map.Entry<DiscrepancyType, Integer> e : counts.entrySet()) {
                out.write(String.format("%-32s %8d  %s%n", e.getKey().name(), e.getValue(), e.getKey().meaning()));
            }
            DiscrepancyType current = null;
            int shown = 0;
            for (Discrepancy d : discrepancies) {
                if (d.type() != current) {
                    current = d.type();
                    shown = 0;
                    out.write("\n" + current.name() + ": " + current.meaning() + "\n");
                }
                if (shown++ < SUMMARY_LINES_PER_TYPE) {
                    out.write("  - " + d.idText() + "\n      expected " + d.expected() + "; found " + d.actual()
                            + "\n      fix: " + d.fix() + "\n");
                } else if (shown == SUMMARY_LINES_PER_TYPE + 1) {
                    out.write("  ... " + (counts.get(current) - SUMMARY_LINES_PER_TYPE) + " more in " + CSV + "\n");
                }
            }
        }
    }

    /** UTF-8 with a byte-order mark, so spreadsheet programs show member names in Chinese correctly. */
    private static void writeCsv(Path file, List<Discrepancy> discrepancies) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write('\uFEFF');
            out.write("type,ids,expected,actual,fix\r\n");
            for (Discrepancy d : discrepancies) {
                out.write(String.join(",", d.type().name(), csv(d.idText()), csv(d.expected()), csv(d.actual()), csv(d.fix())));
                out.write("\r\n");
            }
        }
    }

    private static String csv(String value) {
        String text = value == null ? "" : value;
        if (text.startsWith("=") || text.startsWith("+") || text.startsWith("-") || text.startsWith("@")) {
            // a spreadsheet would run it as a formula
            text = "'" + text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
