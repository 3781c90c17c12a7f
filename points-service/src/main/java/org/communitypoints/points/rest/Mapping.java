package org.communitypoints.points.rest;

import java.time.ZoneId;
import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.communitypoints.points.domain.Account;
import org.communitypoints.points.repository.JournalRepository.BalanceAt;
import org.communitypoints.points.repository.JournalRepository.ExportedPosting;
import org.communitypoints.points.service.Adjustments;
import org.communitypoints.points.service.Exports;
import org.communitypoints.points.service.Passbooks;

/** From service results to API records. */
final class Mapping {

    private Mapping() {
    }

    static Dto.BalanceResponse balance(Passbooks.Balance b) {
        return new Dto.BalanceResponse(b.communityId(), b.memberId(), b.posted(), b.held(), b.available(), b.asOf());
    }

    static Dto.PassbookResponse page(Passbooks.Page page) {
        return new Dto.PassbookResponse(page.lines().stream().map(Mapping::line).toList(), page.nextCursor());
    }

    static Dto.PassbookLine line(Passbooks.Line l) {
        return new Dto.PassbookLine(l.sequence(), l.postedAt(), l.description(), l.amount(), l.runningBalance(),
                l.kind(), l.transactionId());
    }

    static Response csv(List<Passbooks.Line> lines, ZoneId zone, String fileName) {
        return Response.ok(PassbookCsv.render(lines, zone), PassbookCsv.MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
                .build();
    }

    static Dto.AdjustmentResponse adjustment(Adjustments.Result r) {
        return new Dto.AdjustmentResponse(r.transactionId(), r.communityId(), r.memberId(), r.points(), r.reason(),
                r.posted(), r.held(), r.available());
    }

    static Dto.AccountResponse account(Account a) {
        return new Dto.AccountResponse(a.id(), a.key().communityId(), a.key().type(), a.key().ownerId(), a.posted(),
                a.pending());
    }

    static Dto.BalanceExportRow account(BalanceAt b) {
        return new Dto.BalanceExportRow(b.accountId(), b.communityId(), b.type(), b.ownerId(), b.posted(), b.pending(),
                b.storedPosted(), b.storedPending(), b.totalPosted(), b.totalPending());
    }

    static Dto.JournalEntry entry(ExportedPosting p) {
        return new Dto.JournalEntry(p.sequence(), p.transactionId(), p.kind(), p.causeType(), p.causeId(), p.accountId(),
                p.accountType(), p.ownerId(), p.communityId(), p.amount(), p.pending(), p.postedAt(), p.description(),
                Exports.cursorOf(p));
    }
}
