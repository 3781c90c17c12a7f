package org.communitypoints.points.rest;

import org.communitypoints.points.service.NoticeBoardService.Board;
import org.communitypoints.points.service.NoticeBoardService.Line;

/** The notice board as one A4 HTML page with print CSS: the table, the month's totals and the seal to check it by. */
final class NoticeBoardPage {

    private NoticeBoardPage() {
    }

    static String render(Board board) {
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
                  @media screen { body { max-width: 190mm; margin: 1rem auto; } }
                </style></head><body>
                """);
        html.append("<h1>").append(esc(board.communityId())).append(' ').append(board.month().getYear()).append(" 年 ")
                .append(board.month().getMonthValue()).append(" 月 积分公示</h1>\n");
        html.append("<table><thead><tr><th>居民</th><th>获得积分</th><th>使用积分</th></tr></thead><tbody>\n");
        long earned = 0;
        long spent = 0;
        for (Line line : board.lines()) {
            html.append("<tr><td>").append(esc(line.maskedName())).append("</td><td class=\"n\">").append(line.earned())
                    .append("</td><td class=\"n\">").append(line.spent()).append("</td></tr>\n");
            earned += line.earned();
            spent += line.spent();
        }
        html.append("<tr><th>合计</th><th class=\"n\">").append(earned).append("</th><th class=\"n\">").append(spent)
                .append("</th></tr></tbody></table>\n");
        var s = board.statement();
        html.append("<p>本月发放 ").append(s.issued()).append(" 分，兑换 ").append(s.redeemed()).append(" 分（其中补贴 ")
                .append(s.subsidised()).append(" 分），过期 ").append(s.expired()).append(" 分；共 ")
                .append(s.transactions()).append(" 笔。</p>\n");
        html.append("<div class=\"seal\">封账：Merkle 根 ").append(esc(s.merkleRoot())).append("；链头 #")
                .append(s.chainPosition()).append(' ').append(esc(s.chainHash())).append("；签名（Ed25519，密钥 ")
                .append(esc(board.seal().keyId())).append("）").append(esc(board.seal().signature()))
                .append("<br>核验：/api/points/verify（公钥：/.well-known/community-points-seal-key）</div>\n");
        return html.append("</body></html>\n").toString();
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
