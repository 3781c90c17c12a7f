package org.communitypoints.points.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.platform.web.Problem;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.points.config.PointsConfig;
import org.communitypoints.points.domain.Account;
import org.communitypoints.points.domain.AccountKey;
import org.communitypoints.points.domain.AccountType;
import org.communitypoints.points.domain.TransactionKind;
import org.communitypoints.points.repository.AccountRepository;
import org.communitypoints.points.repository.JournalRepository;
import org.communitypoints.points.repository.JournalRepository.StatementLine;

/** A resident's balance and statement (the passbook), read from the journal; the community's own accounts. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class PassbookService {

    public static final int MAX_PAGE = 200;
    private static final int EXPORT_CHUNK = 1000;

    private final AccountRepository accounts;
    private final JournalRepository journal;
    private final PointsConfig config;
    private final MemberNameService names;

    public PassbookService(AccountRepository accounts, JournalRepository journal, PointsConfig config,
            MemberNameService names) {
        this.accounts = accounts;
        this.journal = journal;
        this.config = config;
        this.names = names;
    }

    public record Balance(String communityId, String memberId, long posted, long held, long available, Instant asOf) {
    }

    /**
     * One movement as the resident sees it, with the balances right after it. A hold moves points from available to
     * held without touching posted; a capture takes them out of held and posted at once; a release or expiry moves
     * them back from held to available.
     *
     * @param memberId whose line it is
     * @param postedChange the change to the posted balance
     * @param heldChange the change to the points held (+ frozen, − unfrozen)
     * @param actedBy the proxy who acted for the resident, null when nobody did
     * @param actedByName the proxy's display name from the registry's copy, or their id when the copy has none
     */
    public record Line(String memberId, long sequence, Instant postedAt, String description, TransactionKind kind,
            UUID transactionId,
            long postedChange, long heldChange, long postedAfter, long heldAfter, String actedBy, String actedByName) {

        public long availableAfter() {
            return postedAfter - heldAfter;
        }
    }

    public record Page(List<Line> lines, String nextCursor) {
    }

    /** One of the community's own accounts (issuance, subsidy pool, expiry, a partner's) and its balance. */
    public record CommunityAccount(long accountId, String communityId, AccountType type, String ownerId, long posted,
            long pending) {
    }

    /** The balance now, or as it stood at {@code asOf}; a resident who never earned a point has zeros. */
    public Balance balance(String communityId, String memberId, Instant asOf) {
        AccountKey key = AccountKey.resident(communityId, memberId);
        Optional<Account> account = asOf == null ? accounts.find(key) : accounts.findAsOf(key, asOf);
        return account.map(a -> new Balance(communityId, memberId, a.posted(), a.held(), a.available(), asOf))
                .orElse(new Balance(communityId, memberId, 0, 0, 0, asOf));
    }

    /**
     * Refuses a member the staff member's community has no account of: 404, not an empty 200, so staff of another
     * community learn nothing, and a mistyped id is not mistaken for a resident with no points.
     */
    public void requireMember(String communityId, String memberId) {
        if (accounts.find(AccountKey.resident(communityId, memberId)).isEmpty()) {
            throw ProblemException.notFound("MEMBER_NOT_FOUND", "Your community has no points account for this member.");
        }
    }

    /** The community's own accounts with their balances; residents' accounts are not among them. */
    public List<CommunityAccount> communityAccounts(String communityId) {
        return accounts.systemAccounts(communityId).stream()
                .map(a -> new CommunityAccount(a.id(), a.key().communityId(), a.key().type(), a.key().ownerId(),
                        a.posted(), a.pending()))
                .toList();
    }

    /** One page of the statement, newest first, each line with the balance right after it. */
    public Page page(String communityId, String memberId, int limit, String cursor, LocalDate from, LocalDate to) {
        return page(communityId, List.of(memberId), limit, cursor, from, to);
    }

    /**
     * One page of the lines of several residents together (a household's), newest first, each line with its own
     * resident's balances right after it.
     */
    public Page page(String communityId, List<String> memberIds, int limit, String cursor, LocalDate from,
            LocalDate to) {
        requireLimit(limit);
        Long before = cursor == null || cursor.isBlank() ? null : parseCursor(cursor);
        Map<Long, String> owners = accountsOf(communityId, memberIds);
        if (owners.isEmpty()) {
            return new Page(List.of(), null);
        }
        return page(communityId, owners, limit, before, from, to);
    }

    /** The {@code limit} newest lines of a resident's account the caller has already read (the points summary). */
    Page newest(String communityId, Account account, int limit) {
        requireLimit(limit);
        return page(communityId, Map.of(account.id(), account.key().ownerId()), limit, null, null, null);
    }

    static void requireLimit(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ProblemException.badRequest("INVALID_LIMIT", "limit must be between 1 and " + MAX_PAGE + ".")
                    .withArgs(MAX_PAGE);
        }
    }

    private Page page(String communityId, Map<Long, String> owners, int limit, Long before, LocalDate from,
            LocalDate to) {
        List<StatementLine> found = journal.statement(List.copyOf(owners.keySet()), before, start(from),
                end(to, from), limit + 1);
        boolean more = found.size() > limit;
        List<Line> lines = withRunningBalances(communityId, owners, more ? found.subList(0, limit) : found);
        return new Page(lines, more ? String.valueOf(lines.get(lines.size() - 1).sequence()) : null);
    }

    /** Every line in the date range, newest first (for the CSV download). */
    public List<Line> all(String communityId, String memberId, LocalDate from, LocalDate to) {
        return all(communityId, List.of(memberId), from, to);
    }

    /** Every line of several residents (a household's) in the date range, newest first. */
    public List<Line> all(String communityId, List<String> memberIds, LocalDate from, LocalDate to) {
        Map<Long, String> owners = accountsOf(communityId, memberIds);
        if (owners.isEmpty()) {
            return List.of();
        }
        List<Line> lines = new ArrayList<>();
        Long before = null;
        while (true) {
            List<StatementLine> chunk = journal.statement(List.copyOf(owners.keySet()), before, start(from),
                    end(to, from), EXPORT_CHUNK);
            lines.addAll(withRunningBalances(communityId, owners, chunk));
            if (chunk.size() < EXPORT_CHUNK) {
                return lines;
            }
            before = chunk.get(chunk.size() - 1).sequence();
        }
    }

    /** The residents' accounts in the community (those who have one), account id → member id. */
    private Map<Long, String> accountsOf(String communityId, List<String> memberIds) {
        Map<Long, String> owners = new LinkedHashMap<>();
        for (String memberId : memberIds) {
            accounts.find(AccountKey.resident(communityId, memberId)).ifPresent(a -> owners.put(a.id(), memberId));
        }
        return owners;
    }

    private List<Line> withRunningBalances(String communityId, Map<Long, String> owners,
            List<StatementLine> newestFirst) {
        List<Line> lines = new ArrayList<>(newestFirst.size());
        // Lines of one account follow each other in sequence order: walk back from each account's newest line.
        Map<Long, long[]> running = new HashMap<>();
        Map<String, String> nameCache = new HashMap<>();
        for (StatementLine line : newestFirst) {
            long[] balance = running.computeIfAbsent(line.accountId(), id -> {
                JournalRepository.BalanceThrough newest = journal.balanceThrough(id, line.lastSequence());
                return new long[] { newest.posted(), newest.held() };
            });
            String actedByName = line.actedBy() == null ? null
                    : nameCache.computeIfAbsent(line.actedBy(), id -> names.displayName(communityId, id));
            lines.add(new Line(owners.get(line.accountId()), line.sequence(), line.postedAt(), line.description(),
                    line.kind(), line.transactionId(), line.postedChange(), line.heldChange(), balance[0], balance[1],
                    line.actedBy(), actedByName));
            balance[0] -= line.postedChange();
            balance[1] -= line.heldChange();
        }
        return lines;
    }

    private Instant start(LocalDate from) {
        return from == null ? null : from.atStartOfDay(config.zone()).toInstant();
    }

    private Instant end(LocalDate to, LocalDate from) {
        if (to == null) {
            return null;
        }
        if (from != null && to.isBefore(from)) {
            throw ProblemException.badRequest("INVALID_DATE_RANGE", "The end date must not be before the start date.");
        }
        return to.plusDays(1).atStartOfDay(config.zone()).toInstant();
    }

    private static long parseCursor(String cursor) {
        try {
            long sequence = Long.parseLong(cursor);
            if (sequence > 0) {
                return sequence;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        // the parameter is named like every other one that does not convert; the text speaks to a resident
        throw new ProblemException(400, "INVALID_PARAMETER", "Bad Request",
                "This page link is not valid any more. Please open the passbook from its first page.",
                List.of(new Problem.FieldError("cursor", "a nextCursor of an earlier page"))).withMessage(
                        "INVALID_PARAMETER.passbook-cursor");
    }
}
