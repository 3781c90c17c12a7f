package org.communitypoints.points.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.points.domain.AccountKey;
import org.communitypoints.points.repository.AccountRepository;
import org.communitypoints.points.service.PassbookService.Balance;
import org.communitypoints.points.service.PassbookService.Page;

/**
 * A resident's balance and newest passbook lines in one answer, for the "my home" screen: one transaction and one
 * read of the account, where the balance and passbook reads each read it on their own.
 */
@ApplicationScoped
public class PointsSummaryService {

    private final AccountRepository accounts;
    private final PassbookService passbooks;

    public PointsSummaryService(AccountRepository accounts, PassbookService passbooks) {
        this.accounts = accounts;
        this.passbooks = passbooks;
    }

    /** @param passbook the newest lines, newest first; its cursor continues in the passbook read */
    public record Summary(Balance balance, Page passbook) {
    }

    /**
     * Both parts read in one transaction. At PostgreSQL's read committed each statement still sees its own snapshot:
     * a posting committed between the account's read and the lines' can show in the lines a moment before the balance,
     * as it could with two separate reads.
     *
     * @param lines how many of the newest lines, 1 to {@link PassbookService#MAX_PAGE} as the passbook's limit
     */
    @Transactional
    public Summary summary(String communityId, String memberId, int lines) {
        PassbookService.requireLimit(lines);
        return accounts.find(AccountKey.resident(communityId, memberId))
                .map(a -> new Summary(
                        new Balance(communityId, memberId, a.posted(), a.held(), a.available(), null),
                        passbooks.newest(communityId, a, lines)))
                // a resident who never earned a point: zeros and an empty passbook, as the two reads answer
                .orElse(new Summary(new Balance(communityId, memberId, 0, 0, 0, null), new Page(List.of(), null)));
    }
}
