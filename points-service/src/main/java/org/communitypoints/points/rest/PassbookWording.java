package org.communitypoints.points.rest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.communitypoints.platform.web.ProblemMessages;
import org.communitypoints.points.service.PassbookService.Line;

/**
 * A passbook line's words in the caller's language. The journal keeps the Chinese text written when the movement was
 * booked (what the paper passbook would say); in English the fixed words points-service wrote are translated and the
 * titles staff entered (activities, rewards, reasons) stay as entered.
 */
final class PassbookWording {

    private static final Map<String, String> LABELS = new LinkedHashMap<>();
    static {
        LABELS.put("志愿服务：", "Volunteer service: ");
        LABELS.put("服务时长更正：", "Service time corrected: ");
        LABELS.put("冻结积分：", "Points held: ");
        LABELS.put("解冻积分：", "Points released: ");
        LABELS.put("积分兑换：", "Redeemed: ");
        LABELS.put("人工调整：", "Adjustment by staff: ");
        LABELS.put("补贴池拨入：", "Subsidy pool funding: ");
        LABELS.put("冲正：", "Reversal: ");
        LABELS.put("积分过期：", "Points expired: ");
        LABELS.put("捐赠即将过期积分：社区补贴池", "Expiring points donated to the community subsidy pool");
    }
    private static final Pattern MINUTES = Pattern.compile("（(\\d+) 分钟）");
    private static final Pattern SUBSIDY = Pattern.compile("（社区补贴 (\\d+) 积分）");
    /** The earning months of expired points: "2024年10月获得", "2024年10月至2024年12月获得". */
    private static final Pattern EARNED = Pattern.compile("(\\d{4})年(\\d{2})月(?:至(\\d{4})年(\\d{2})月)?获得");
    private static final Pattern CORRECTED = Pattern.compile("（(-?\\d+) → (-?\\d+) 积分）");

    private PassbookWording() {
    }

    static String describe(Line line, Locale locale) {
        boolean english = ProblemMessages.ENGLISH.getLanguage().equals(locale.getLanguage());
        String text = english ? english(line.description()) : line.description();
        if (line.actedBy() == null) {
            return text;
        }
        return english ? text + " (done for you by " + line.actedByName() + ")"
                : text + "（由 " + line.actedByName() + " 代办）";
    }

    private static String english(String chinese) {
        String text = chinese;
        // a reversal repeats the reversed line's words after its own label: translate label after label
        boolean found = true;
        StringBuilder out = new StringBuilder();
        while (found) {
            found = false;
            for (Map.Entry<String, String> label : LABELS.entrySet()) {
                if (text.startsWith(label.getKey())) {
                    out.append(label.getValue());
                    text = text.substring(label.getKey().length());
                    found = true;
                    break;
                }
            }
        }
        out.append(text);
        String translated = MINUTES.matcher(out).replaceAll(m -> " (" + m.group(1) + " min)");
        translated = CORRECTED.matcher(translated).replaceAll(m -> " (" + m.group(1) + " → " + m.group(2) + " points)");
        translated = EARNED.matcher(translated).replaceAll(m -> "earned " + m.group(1) + "-" + m.group(2)
                + (m.group(3) == null ? "" : " to " + m.group(3) + "-" + m.group(4)));
        Matcher subsidy = SUBSIDY.matcher(translated);
        return subsidy.replaceAll(m -> " (community subsidy " + m.group(1) + " points)");
    }
}
