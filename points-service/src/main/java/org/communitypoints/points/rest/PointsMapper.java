package org.communitypoints.points.rest;

import java.time.ZoneId;
import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.communitypoints.points.service.AdjustmentService;
import org.communitypoints.points.service.PassbookService;
import org.communitypoints.points.service.ReversalService;

/** From service results to the API's response records. */
final class PointsMapper {

    private PointsMapper() {
    }

    static BalanceResponse balance(PassbookService.Balance b) {
        return new BalanceResponse(b.communityId(), b.memberId(), b.posted(), b.held(), b.available(), b.asOf());
    }

    static PassbookResponse page(PassbookService.Page page) {
        return new PassbookResponse(page.lines().stream().map(PointsMapper::line).toList(), page.nextCursor());
    }

    static PassbookLineResponse line(PassbookService.Line l) {
        return new PassbookLineResponse(l.sequence(), l.postedAt(), l.description(), l.amount(), l.runningBalance(),
                l.kind(), l.transactionId());
    }

    static Response csv(List<PassbookService.Line> lines, ZoneId zone, String fileName) {
        return Response.ok(PassbookCsv.render(lines, zone), PassbookCsv.MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
                .build();
    }

    static AdjustmentResponse adjustment(AdjustmentService.Adjusted a) {
        return new AdjustmentResponse(a.transactionId(), a.communityId(), a.memberId(), a.points(), a.reason(),
                a.posted(), a.held(), a.available());
    }

    static AccountResponse account(PassbookService.CommunityAccount a) {
        return new AccountResponse(a.accountId(), a.communityId(), a.type(), a.ownerId(), a.posted(), a.pending());
    }

    static ReversalResponse reversal(ReversalService.Reversed r) {
        return new ReversalResponse(r.transactionId(), r.reverses(), r.description(), r.reason());
    }
}
