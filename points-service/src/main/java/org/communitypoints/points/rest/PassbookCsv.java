package org.communitypoints.points.rest;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.ws.rs.core.Response;

import org.communitypoints.platform.web.csv.CsvDownload;
import org.communitypoints.platform.web.csv.CsvWriter;
import org.communitypoints.points.service.PassbookService.Line;

/**
 * The passbook as CSV, written by platform-web's {@link CsvWriter} (byte-order mark, RFC 4180, formula
 * neutralisation): amounts and balances are numbers, so a spreadsheet can add them up.
 */
final class PassbookCsv {

    static final String MEDIA_TYPE = CsvWriter.MEDIA_TYPE;
    private static final List<String> HEADERS = List.of("日期", "摘要", "积分", "余额", "类型");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private PassbookCsv() {
    }

    /** @param lines loaded already: the rows are written after the resource method returned */
    static Response download(List<Line> lines, ZoneId zone, String fileName) {
        return CsvDownload.of(fileName, HEADERS, csv -> {
            for (Line line : lines) {
                csv.row(DATE.format(line.postedAt().atZone(zone)), line.description(), line.amount(),
                        line.runningBalance(), line.kind().name());
            }
        });
    }
}
