package org.communitypoints.points.service;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.contracts.seal.CanonicalTransaction;
import org.communitypoints.contracts.seal.CanonicalTransaction.Leg;
import org.communitypoints.contracts.seal.JournalHashes;
import org.communitypoints.contracts.seal.SealStatement;
import org.communitypoints.contracts.seal.SignedSeal;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.points.config.PointsConfig;
import org.communitypoints.points.repository.ChainRepository;
import org.communitypoints.points.repository.ChainRepository.Head;
import org.communitypoints.points.repository.ChainRepository.StoredLink;
import org.communitypoints.points.repository.SealRepository;
import org.communitypoints.points.repository.SealRepository.StoredSeal;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

/**
 * Seals a community's month: its totals, the Merkle root over its transactions (chain order), the chain head, signed
 * with the deployment's key. Before sealing, the chain is brought up to date and every link of the month is checked
 * against the journal: a month whose journal no longer gives its stored links is not sealed (CHAIN_BROKEN, naming the
 * transaction). A sealed month is returned as it is: sealing again changes nothing.
 */
@ApplicationScoped
public class SealService {

    /** The result of a sealing. */
    public record Sealed(String communityId, YearMonth month, long transactions, SignedSeal seal, boolean now) {
    }

    /** A month's links, checked against the journal. */
    record Month(Instant startsAt, Instant endsAt, List<StoredLink> links) {
    }

    private final ChainService chainService;
    private final ChainRepository chain;
    private final SealRepository seals;
    private final SealKeyService keys;
    private final ZoneId zone;
    private final PointsConfig config;

    public SealService(ChainService chainService, ChainRepository chain, SealRepository seals, SealKeyService keys,
            PointsConfig config) {
        this.chainService = chainService;
        this.chain = chain;
        this.seals = seals;
        this.keys = keys;
        this.zone = config.zone();
        this.config = config;
    }

    /**
     * Seals one month of one community, or returns its seal if it has one.
     *
     * @return empty when another instance holds the chain's lock right now (try again later)
     * @throws ProblemException 409 MONTH_NOT_OVER before the month's end plus the grace period, 409 CHAIN_BROKEN
     *         when a transaction of the month no longer matches its link
     */
    @Transactional
    // A month of a million postings is read, re-hashed and signed in one transaction: at a busy machine's pace that
    // takes minutes, far past the 60 s default, after which the transaction was rolled back and the month never sealed.
    @TransactionConfiguration(timeout = 3600)
    public Optional<Sealed> seal(String communityId, YearMonth month, Instant now) {
        Optional<StoredSeal> existing = seals.find(communityId, month);
        if (existing.isPresent()) {
            return existing.map(s -> new Sealed(s.communityId(), s.month(), s.transactions(), s.seal(), false));
        }
        Instant endsAt = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        if (now.isBefore(endsAt.plus(config.seal().grace()))) {
            throw ProblemException.conflict("MONTH_NOT_OVER", "The month " + month + " is not over yet.")
                    .withArgs(month.toString());
        }
        if (!keys.canSign()) {
            throw new IllegalStateException("no seal key configured (points.seal.private-key)");
        }
        if (!chain.tryLock()) {
            return Optional.empty();
        }
        while (chainService.linkLocked() > 0) {
            // catch up: every transaction committed so far is linked before the month is read
        }
        Month links = checkedMonth(communityId, month);
        List<byte[]> leaves = links.links().stream().map(l -> JournalHashes.leaf(l.content().canonicalBytes())).toList();
        byte[] root = JournalHashes.root(leaves);
        Head head = chain.heads(List.of(communityId)).getOrDefault(communityId, new Head(0, JournalHashes.GENESIS));
        Totals totals = totals(links.links());
        SealStatement statement = new SealStatement(communityId, month, leaves.size(), JournalHashes.hex(root),
                head.position(), JournalHashes.hex(head.hash()), totals.issued, totals.redeemed, totals.subsidised,
                totals.expired, totals.byKind, totals.byPartner, now, keys.keyId());
        String text = statement.text();
        SignedSeal seal = new SignedSeal(text, keys.sign(text), keys.keyId());
        seals.insert(communityId, month, links.startsAt(), links.endsAt(), leaves.size(), root, head.position(),
                head.hash(), seal, now);
        return Optional.of(new Sealed(communityId, month, leaves.size(), seal, true));
    }

    /**
     * Seals, for every community with linked transactions, each month after its last sealed one (from its first
     * transaction's month on) that ended at least the grace period before {@code now}, oldest first.
     *
     * @return the months sealed now
     */
    public List<Sealed> sealDue(Instant now) {
        List<Sealed> sealed = new ArrayList<>();
        YearMonth lastOver = YearMonth.from(now.minus(config.seal().grace()).atZone(zone)).minusMonths(1);
        for (SealRepository.LinkedCommunity community : seals.linkedCommunities()) {
            YearMonth month = community.lastSealed() != null ? community.lastSealed().plusMonths(1)
                    : YearMonth.from(community.firstPostedAt().atZone(zone));
            for (; !month.isAfter(lastOver); month = month.plusMonths(1)) {
                Optional<Sealed> result = seal(community.communityId(), month, now);
                if (result.isEmpty()) {
                    return sealed;
                }
                sealed.add(result.get());
            }
        }
        return sealed;
    }

    /** The month's links in chain order, each checked against the journal as it is now. */
    Month checkedMonth(String communityId, YearMonth month) {
        Instant startsAt = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant endsAt = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        List<StoredLink> links = chain.linksPostedBetween(communityId, startsAt, endsAt);
        for (StoredLink link : links) {
            if (!java.util.Arrays.equals(link.hash(),
                    JournalHashes.link(link.previousHash(), link.content().canonicalBytes()))) {
                throw ProblemException.conflict("CHAIN_BROKEN", "Transaction " + link.content().transactionId()
                        + " no longer matches its chain link: the journal was changed after it was booked.")
                        .withArgs(link.content().transactionId().toString());
            }
        }
        return new Month(startsAt, endsAt, links);
    }

    private static final class Totals {
        long issued;
        long redeemed;
        long subsidised;
        long expired;
        final Map<String, Long> byKind = new TreeMap<>();
        final Map<String, Long> byPartner = new TreeMap<>();
    }

    private static Totals totals(List<StoredLink> links) {
        Totals totals = new Totals();
        for (StoredLink link : links) {
            CanonicalTransaction t = link.content();
            for (Leg leg : t.legs()) {
                if (leg.pending()) {
                    continue;
                }
                switch (leg.accountType()) {
                    case "ISSUANCE" -> totals.issued -= leg.amount();
                    case "REDEMPTION" -> {
                        totals.redeemed += leg.amount();
                        totals.byPartner.merge(leg.ownerId(), leg.amount(), Long::sum);
                    }
                    case "SUBSIDY_POOL" -> {
                        if ("CAPTURE".equals(t.kind())) {
                            totals.subsidised -= leg.amount();
                        }
                    }
                    case "EXPIRY" -> totals.expired += leg.amount();
                    case "RESIDENT" -> totals.byKind.merge(t.kind(), leg.amount(), Long::sum);
                    default -> {
                        // an account type added later shows in no total until the seal's layout names it
                    }
                }
            }
        }
        return totals;
    }
}
