package org.communitypoints.points.rest;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.communitypoints.platform.web.csv.CsvDownload;
import org.communitypoints.platform.web.csv.CsvWriter;
import org.communitypoints.points.service.PassbookService.Line;

/**
 * The passbook as CSV, written by platform-web's {@link CsvWriter} (byte-order mark, RFC 4180, formula
 * neutralisation): the columns of the JSON lines, amounts and balances as numbers, so a spreadsheet can add them up.
 */
final class PassbookCsv {

    static final String MEDIA_TYPE = CsvWriter.MEDIA_TYPE;
    private static final List<String> HEADERS = List.of("日期", "摘要", "积分变动", "冻结变动", "积分余额", "冻结积分",
            "可用积分", "类型", "代办人");
    private static final List<String> HOUSEHOLD_HEADERS = List.of("日期", "成员", "摘要", "积分变动", "冻结变动", "积分余额",
            "冻结积分", "可用积分", "类型", "代办人");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private PassbookCsv() {
    }

    /** @param lines loaded already: the rows are written after the resource method returned */
    static Response download(List<Line> lines, ZoneId zone, Locale locale, String fileName) {
        return CsvDownload.of(fileName, HEADERS, csv -> {
            for (Line line : lines) {
                csv.row(DATE.format(line.postedAt().atZone(zone)), PassbookWording.describe(line, locale),
                        line.postedChange(), line.heldChange(), line.postedAfter(), line.heldAfter(),
                        line.availableAfter(), line.kind().name(), line.actedByName() == null ? "" : line.actedByName());
            }
        });
    }

    /** A household's lines: the columns of a resident's passbook with the member's name after the date. */
    static Response household(List<Line> lines, Map<String, String> memberNames, ZoneId zone, Locale locale,
            String fileName) {
        return CsvDownload.of(fileName, HOUSEHOLD_HEADERS, csv -> {
            for (Line line : lines) {
                csv.row(DATE.format(line.postedAt().atZone(zone)),
                        memberNames.getOrDefault(line.memberId(), line.memberId()), PassbookWording.describe(line, locale),
                        line.postedChange(), line.heldChange(), line.postedAfter(), line.heldAfter(),
                        line.availableAfter(), line.kind().name(), line.actedByName() == null ? "" : line.actedByName());
            }
        });
    }
}
