package org.communitypoints.points.service;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.contracts.export.AccountType;
import org.communitypoints.contracts.export.BalanceExport;
import org.communitypoints.contracts.export.BalanceRow;
import org.communitypoints.contracts.export.CauseType;
import org.communitypoints.contracts.export.ExportPage;
import org.communitypoints.contracts.export.JournalEntry;
import org.communitypoints.contracts.export.TransactionKind;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.points.repository.JournalRepository;
import org.communitypoints.points.repository.JournalRepository.BalanceAt;
import org.communitypoints.points.repository.JournalRepository.ExportedPosting;

/**
 * The reconciliation exports, in the export records of {@code contracts} the reconciler reads. The journal
 * cursor is the position of the last row read: the writing transaction's id and the posting's sequence, in
 * that order.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ExportService {

    public static final int MAX_PAGE = 5000;
    private static final Pattern CURSOR = Pattern.compile("(\\d{1,20})-(\\d{1,19})");
    /** How far ahead of this server's clock an {@code asOf} may be: clocks of two machines never agree exactly. */
    private static final long CLOCK_SKEW_SECONDS = 60;

    private final JournalRepository journal;

    public ExportService(JournalRepository journal) {
        this.journal = journal;
    }

    public ExportPage<JournalEntry> journalAfter(String after, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ProblemException.badRequest("INVALID_LIMIT", "limit must be between 1 and " + MAX_PAGE + ".");
        }
        String writer = "0";
        long sequence = 0;
        if (after != null && !after.isBlank()) {
            Matcher m = CURSOR.matcher(after);
            if (!m.matches()) {
                throw ProblemException.badRequest("INVALID_CURSOR",
                        "after must be a nextCursor returned by this export, or empty to start from the beginning.");
            }
            writer = m.group(1);
            sequence = Long.parseLong(m.group(2));
        }
        List<JournalEntry> entries = journal.exportAfter(writer, sequence, limit).stream().map(ExportService::entry)
                .toList();
        String next = entries.isEmpty() ? (after == null || after.isBlank() ? null : after)
                : entries.get(entries.size() - 1).cursor();
        return new ExportPage<>(entries, next);
    }

    /** Every account's balance from the postings made up to and including {@code asOf} (default: now). */
    public BalanceExport balancesAsOf(Instant asOf, String communityId) {
        Instant now = Instant.now();
        Instant at = asOf == null ? now : asOf;
        if (at.isAfter(now.plusSeconds(CLOCK_SKEW_SECONDS))) {
            throw ProblemException.badRequest("AS_OF_IN_FUTURE", "asOf must not be in the future.");
        }
        return new BalanceExport(at, journal.balancesAsOf(at, communityId).stream().map(ExportService::row).toList());
    }

    private static JournalEntry entry(ExportedPosting p) {
        return new JournalEntry(p.sequence(), p.transactionId(), TransactionKind.of(p.kind().name()),
                CauseType.of(p.causeType()), p.causeId(), p.accountId(), AccountType.of(p.accountType().name()),
                p.ownerId(), p.communityId(), p.amount(), p.pending(), p.postedAt(), p.description(),
                p.writer() + "-" + p.sequence());
    }

    private static BalanceRow row(BalanceAt b) {
        return new BalanceRow(b.accountId(), b.communityId(), AccountType.of(b.type().name()), b.ownerId(), b.posted(),
                b.pending(), b.storedPosted(), b.storedPending(), b.totalPosted(), b.totalPending());
    }
}
