package org.communitypoints.points.rest;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.core.Response;

import org.communitypoints.points.domain.AuditEntry;
import org.communitypoints.points.service.AdjustmentService;
import org.communitypoints.points.service.PassbookService;
import org.communitypoints.points.service.ReversalService;
import org.communitypoints.points.service.SubsidyPoolService;

/** From service results to the API's response records. */
final class PointsMapper {

    private PointsMapper() {
    }

    static BalanceResponse balance(PassbookService.Balance b) {
        return new BalanceResponse(b.communityId(), b.memberId(), b.posted(), b.held(), b.available(), b.asOf());
    }

    static PassbookResponse page(PassbookService.Page page, Locale locale) {
        return new PassbookResponse(page.lines().stream().map(l -> line(l, locale)).toList(), page.nextCursor());
    }

    static PassbookLineResponse line(PassbookService.Line l, Locale locale) {
        return new PassbookLineResponse(l.sequence(), l.postedAt(), PassbookWording.describe(l, locale),
                l.postedChange(), l.heldChange(), l.postedAfter(), l.heldAfter(), l.availableAfter(), l.postedAfter(),
                l.kind(), l.transactionId(), l.actedBy(), l.actedByName());
    }

    static Response csv(List<PassbookService.Line> lines, ZoneId zone, Locale locale, String fileName) {
        return PassbookCsv.download(lines, zone, locale, fileName);
    }

    static AdjustmentResponse adjustment(AdjustmentService.Adjusted a) {
        return new AdjustmentResponse(a.id(), a.transactionId(), a.communityId(), a.memberId(), a.points(), a.reason(),
                a.status(), a.requestedBy(), a.requestedAt(), a.approvedBy(), a.decidedAt(), a.decisionReason(),
                a.posted(), a.held(), a.available());
    }

    static AdjustmentHistoryResponse history(AdjustmentService.AdjustmentHistory h) {
        return new AdjustmentHistoryResponse(adjustment(h.adjustment()),
                h.history().stream().map(PointsMapper::audit).toList());
    }

    static FundingResponse funding(SubsidyPoolService.Funding f) {
        return new FundingResponse(f.id(), f.transactionId(), f.communityId(), f.points(), f.reason(), f.status(),
                f.requestedBy(), f.requestedAt(), f.approvedBy(), f.decidedAt(), f.decisionReason());
    }

    static AuditEntryResponse audit(AuditEntry e) {
        return new AuditEntryResponse(e.sequence(), e.kind(), e.transferId(), e.action(), e.actor(), e.memberId(),
                e.points(), e.code(), e.reason(), e.at());
    }

    static AccountResponse account(PassbookService.CommunityAccount a) {
        return new AccountResponse(a.accountId(), a.communityId(), a.type(), a.ownerId(), a.posted(), a.pending());
    }

    static ReversalResponse reversal(ReversalService.Reversal r) {
        return new ReversalResponse(r.id(), r.transactionId(), r.reverses(), r.memberId(), r.points(), r.description(),
                r.reason(), r.status(), r.requestedBy(), r.requestedAt(), r.approvedBy(), r.decidedAt(),
                r.decisionReason());
    }
}
