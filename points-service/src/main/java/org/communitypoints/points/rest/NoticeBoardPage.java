package org.communitypoints.points.rest;

import org.communitypoints.platform.web.QrSvg;
import org.communitypoints.points.service.NoticeBoardService.Board;
import org.communitypoints.points.service.NoticeBoardService.Line;

/**
 * The notice board as one A4 HTML page with print CSS: the table, the month's totals, the seal to check it by, and a QR
 * code of the verifier's address drawn here (inline SVG), so the printed sheet works offline and the page loads
 * nothing from elsewhere.
 */
final class NoticeBoardPage {

    private NoticeBoardPage() {
    }

    static String render(Board board, String verifyUrl) {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="zh-CN"><head><meta charset="utf-8"><title>积分公示</title>
                <style>
                  @page { size: A4; margin: 15mm; }
                  body { font-family: "Noto Sans CJK SC", "PingFang SC", sans-serif; font-size: 11pt; }
                  h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; }
                  table { width: 100%; border-collapse: collapse; }
                  th, td { border: 0.3mm solid #444; padding: 1mm 2mm; }
                  td.n { text-align: right; }
                  thead { display: table-header-group; }
                  tr { page-break-inside: avoid; }
                  .seal { margin-top: 6mm; font-size: 8pt; word-break: break-all; }
                  .verify { display: flex; gap: 4mm; align-items: center; margin-top: 4mm; font-size: 9pt; }
                  .verify svg { width: 30mm; height: 30mm; flex: none; }
                  @media screen { body { max-width: 190mm; margin: 1rem auto; } }
                </style></head><body>
                """);
        html.append("<h1>").append(esc(board.communityId())).append(' ').append(board.month().getYear()).append(" 年 ")
                .append(board.month().getMonthValue()).append(" 月 积分公示</h1>\n");
        html.append("<table><thead><tr><th>居民</th><th>服务时长（小时）</th><th>获得积分</th><th>使用积分</th></tr></thead><tbody>\n");
        long earned = 0;
        long spent = 0;
        long minutes = 0;
        for (Line line : board.lines()) {
            html.append("<tr><td>").append(esc(line.maskedName())).append("</td><td class=\"n\">")
                    .append(hours(line.minutesServed())).append("</td><td class=\"n\">").append(line.earned())
                    .append("</td><td class=\"n\">").append(line.spent()).append("</td></tr>\n");
            earned += line.earned();
            spent += line.spent();
            minutes += line.minutesServed();
        }
        html.append("<tr><th>合计</th><th class=\"n\">").append(hours(minutes)).append("</th><th class=\"n\">")
                .append(earned).append("</th><th class=\"n\">").append(spent)
                .append("</th></tr></tbody></table>\n");
        var s = board.statement();
        html.append("<p>本月发放 ").append(s.issued()).append(" 分，兑换 ").append(s.redeemed()).append(" 分（其中补贴 ")
                .append(s.subsidised()).append(" 分），过期 ").append(s.expired()).append(" 分；共 ")
                .append(s.transactions()).append(" 笔。</p>\n");
        html.append("<div class=\"seal\">封账：Merkle 根 ").append(esc(s.merkleRoot())).append("；链头 #")
                .append(s.chainPosition()).append(' ').append(esc(s.chainHash())).append("；签名（Ed25519，密钥 ")
                .append(esc(board.seal().keyId())).append("）").append(esc(board.seal().signature()))
                .append("</div>\n");
        html.append("<div class=\"verify\">").append(QrSvg.of(verifyUrl, "核验二维码")).append("<div>扫码或打开 ")
                .append(esc(verifyUrl)).append(" 核验本月封账（公钥：/.well-known/community-points-seal-key）</div></div>\n");
        return html.append("</body></html>\n").toString();
    }

    /** Hours with one decimal (90 minutes: 1.5), as the activity office reports them. */
    static String hours(long minutes) {
        return java.math.BigDecimal.valueOf(minutes).divide(java.math.BigDecimal.valueOf(60), 1,
                java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
