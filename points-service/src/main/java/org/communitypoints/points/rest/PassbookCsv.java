package org.communitypoints.points.rest;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.communitypoints.points.service.PassbookService.Line;

/**
 * The passbook as CSV: UTF-8 with a byte-order mark, so spreadsheet programs show Chinese correctly.
 */
final class PassbookCsv {

    static final String MEDIA_TYPE = "text/csv; charset=UTF-8";
    private static final char BOM = '\uFEFF';
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private PassbookCsv() {
    }

    static String render(List<Line> lines, ZoneId zone) {
        StringBuilder csv = new StringBuilder().append(BOM).append("日期,摘要,积分,余额,类型\r\n");
        for (Line line : lines) {
            csv.append(DATE.format(line.postedAt().atZone(zone))).append(',')
                    .append(escape(line.description())).append(',')
                    .append(line.amount() > 0 ? "+" + line.amount() : String.valueOf(line.amount())).append(',')
                    .append(line.runningBalance()).append(',')
                    .append(line.kind().name()).append("\r\n");
        }
        return csv.toString();
    }

    private static String escape(String text) {
        // Quote always, double inner quotes; a leading = + - @ is neutralised so no cell runs as a formula.
        String safe = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        return '"' + safe.replace("\"", "\"\"") + '"';
    }
}
