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
import org.communitypoints.contracts.export.ChainLink;
import org.communitypoints.contracts.export.ExportPage;
import org.communitypoints.contracts.export.JournalEntry;
import org.communitypoints.contracts.export.TransactionKind;
import org.communitypoints.contracts.export.UnconfirmedRequest;
import org.communitypoints.contracts.seal.JournalHashes;
import org.communitypoints.contracts.seal.SignedSeal;
import org.communitypoints.platform.data.ExportCursor;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.points.repository.ChainRepository;
import org.communitypoints.points.repository.ChainRepository.StoredLink;
import org.communitypoints.points.repository.HoldRepository;
import org.communitypoints.points.repository.HoldRepository.UnconfirmedRow;
import org.communitypoints.points.repository.JournalRepository;
import org.communitypoints.points.repository.JournalRepository.BalanceAt;
import org.communitypoints.points.repository.JournalRepository.ExportedPosting;
import org.communitypoints.points.repository.SealRepository;
import org.communitypoints.points.repository.SealRepository.StoredSeal;

/**
 * The reconciliation exports, in the export records of {@code contracts} the reconciler reads. The journal
 * pages on the suite's one export cursor ({@link ExportCursor}: writing transaction, then sequence, below the
 * gap-free horizon). Reads join no transaction of their own, so they never hold that horizon back.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ExportService {

    /** A chain cursor: a stored link's export sequence, and the index of a transaction within it when not its last. */
    private static final Pattern CHAIN_CURSOR = Pattern.compile("(\\d{1,18})(?:\\.(\\d{1,9}))?");

    public static final int DEFAULT_PAGE = 500;
    public static final int MAX_PAGE = 5000;
    /** How far ahead of this server's clock an {@code asOf} may be: clocks of two machines never agree exactly. */
    private static final long CLOCK_SKEW_SECONDS = 60;

    private final JournalRepository journal;
    private final ChainRepository chain;
    private final SealRepository seals;
    private final HoldRepository holds;

    public ExportService(JournalRepository journal, ChainRepository chain, SealRepository seals, HoldRepository holds) {
        this.journal = journal;
        this.chain = chain;
        this.seals = seals;
        this.holds = holds;
    }

    /**
     * The hash chain's links in the order they were made, each with its transaction's content as the journal holds it
     * now. The cursor is the stored link's export sequence once its last transaction is read, else that sequence, a
     * dot and the index of the last transaction read within it (a stored link covers a writing transaction's
     * transactions of one community, V99): one sequencer at a time makes links, in one transaction per batch, so a
     * later link never becomes visible before an earlier one. Cursors handed out before V99 are sequences and read
     * the same.
     *
     * @param after the client's cursor, null or blank for the beginning (400 INVALID_CURSOR otherwise)
     */
    public ExportPage<ChainLink> chainAfter(String after, Integer limit) {
        long fromSeq = 1;
        int skip = 0;
        if (after != null && !after.isBlank()) {
            Matcher cursor = CHAIN_CURSOR.matcher(after.trim());
            if (!cursor.matches()) {
                throw ExportCursor.invalid();
            }
            // at most 18 and 9 digits: both parse, and the index plus one stays an int
            long seq = Long.parseLong(cursor.group(1));
            if (cursor.group(2) == null) {
                fromSeq = seq + 1;
            } else {
                fromSeq = seq;
                skip = Integer.parseInt(cursor.group(2)) + 1;
            }
        }
        List<StoredLink> links = chain.linksAfter(fromSeq, skip, ExportCursor.pageSize(limit, DEFAULT_PAGE, MAX_PAGE));
        List<ChainLink> items = links.stream().map(l -> new ChainLink(l.position(), l.content(),
                JournalHashes.hex(l.previousHash()), JournalHashes.hex(l.hash()), l.cursor())).toList();
        String next = items.isEmpty() ? (after == null || after.isBlank() ? null : after.trim())
                : items.get(items.size() - 1).cursor();
        return new ExportPage<>(items, next);
    }

    /** Every signed monthly seal, or one community's, by community and month. */
    public List<SignedSeal> seals(String communityId) {
        return seals.all(communityId).stream().map(StoredSeal::seal).toList();
    }

    /**
     * @param after the client's cursor, null or blank for the beginning (400 INVALID_CURSOR otherwise)
     * @param limit the page size, null for {@value #DEFAULT_PAGE} (400 INVALID_LIMIT outside 1..{@value #MAX_PAGE})
     */
    public ExportPage<JournalEntry> journalAfter(String after, Integer limit) {
        ExportCursor cursor = ExportCursor.parse(after);
        List<ExportedPosting> rows = journal.exportAfter(cursor, ExportCursor.pageSize(limit, DEFAULT_PAGE, MAX_PAGE));
        ExportCursor next = cursor.next(rows, ExportedPosting::writer, ExportedPosting::sequence);
        // Nothing yet on a first request: no position to hand back (the contract's "null on the first request").
        return new ExportPage<>(rows.stream().map(ExportService::entry).toList(), next.isStart() ? null : next.encode());
    }

    /**
     * The redemption requests refused because nothing confirmed them, after the cursor, in the order they were refused.
     *
     * @param after the client's cursor, null or blank for the beginning (400 INVALID_CURSOR otherwise)
     * @param limit the page size, null for {@value #DEFAULT_PAGE} (400 INVALID_LIMIT outside 1..{@value #MAX_PAGE})
     */
    public ExportPage<UnconfirmedRequest> unconfirmedAfter(String after, Integer limit) {
        ExportCursor cursor = ExportCursor.parse(after);
        List<UnconfirmedRow> rows = holds.unconfirmedAfter(cursor, ExportCursor.pageSize(limit, DEFAULT_PAGE, MAX_PAGE));
        ExportCursor next = cursor.next(rows, UnconfirmedRow::writer, UnconfirmedRow::sequence);
        return new ExportPage<>(rows.stream().map(UnconfirmedRow::request).toList(), next.isStart() ? null : next.encode());
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
                p.ownerId(), p.communityId(), p.amount(), p.pending(), p.postedAt(), p.description(), p.actor(),
                p.approvedBy(), new ExportCursor(p.writer(), p.sequence()).encode());
    }

    private static BalanceRow row(BalanceAt b) {
        return new BalanceRow(b.accountId(), b.communityId(), AccountType.of(b.type().name()), b.ownerId(), b.posted(),
                b.pending(), b.storedPosted(), b.storedPending(), b.totalPosted(), b.totalPending());
    }
}
