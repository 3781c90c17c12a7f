package org.communitypoints.points.service;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.points.repository.JournalRepository;
import org.communitypoints.points.repository.JournalRepository.BalanceAt;
import org.communitypoints.points.repository.JournalRepository.ExportedPosting;

/**
 * The reconciliation exports. The journal cursor is the position of the last row read: the writing
 * transaction's id and the posting's sequence, in that order.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Exports {

    public static final int MAX_PAGE = 5000;
    private static final Pattern CURSOR = Pattern.compile("(\\d{1,20})-(\\d{1,19})");

    private final JournalRepository journal;

    public Exports(JournalRepository journal) {
        this.journal = journal;
    }

    public record JournalPage(List<ExportedPosting> entries, String nextCursor) {
    }

    public JournalPage journalAfter(String after, int limit) {
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
        List<ExportedPosting> entries = journal.exportAfter(writer, sequence, limit);
        String next = entries.isEmpty() ? (after == null || after.isBlank() ? null : after)
                : cursorOf(entries.get(entries.size() - 1));
        return new JournalPage(entries, next);
    }

    public static String cursorOf(ExportedPosting posting) {
        return posting.writer() + "-" + posting.sequence();
    }

    public List<BalanceAt> balancesAsOf(Instant asOf, String communityId) {
        return journal.balancesAsOf(asOf, communityId);
    }
}
