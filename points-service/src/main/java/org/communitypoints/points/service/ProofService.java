package org.communitypoints.points.service;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.contracts.seal.CanonicalTransaction;
import org.communitypoints.contracts.seal.JournalHashes;
import org.communitypoints.contracts.seal.TransactionProof;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.points.config.PointsConfig;
import org.communitypoints.points.repository.ChainRepository;
import org.communitypoints.points.repository.ChainRepository.StoredLink;
import org.communitypoints.points.repository.SealRepository;
import org.communitypoints.points.repository.SealRepository.StoredSeal;

/**
 * A resident's proof that a transaction of their passbook is in a sealed month: its canonical content, its Merkle
 * audit path and the signed seal. Only a transaction with a leg on the resident's own account is shown.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ProofService {

    private final ChainRepository chain;
    private final SealRepository seals;
    private final SealService sealService;
    private final ZoneId zone;

    public ProofService(ChainRepository chain, SealRepository seals, SealService sealService, PointsConfig config) {
        this.chain = chain;
        this.seals = seals;
        this.sealService = sealService;
        this.zone = config.zone();
    }

    /**
     * @throws ProblemException 404 TRANSACTION_NOT_FOUND when it is not a transaction of the resident's passbook,
     *         409 MONTH_NOT_SEALED while its month (or its link) is not sealed yet
     */
    public TransactionProof proof(String communityId, String memberId, UUID transactionId) {
        StoredLink link = chain.linkOf(transactionId).orElse(null);
        if (link == null) {
            // not linked yet (seconds after booking) or not a transaction at all: say no more than the passbook does
            throw ProblemException.conflict("MONTH_NOT_SEALED", "This transaction's month is not sealed yet.");
        }
        CanonicalTransaction content = link.content();
        boolean ownLine = content.communityId().equals(communityId) && content.legs().stream()
                .anyMatch(l -> "RESIDENT".equals(l.accountType()) && l.ownerId().equals(memberId));
        if (!ownLine) {
            throw ProblemException.notFound("TRANSACTION_NOT_FOUND", "No such transaction in your passbook.");
        }
        YearMonth month = YearMonth.from(content.postedAt().atZone(zone));
        StoredSeal seal = seals.find(communityId, month).orElseThrow(() -> ProblemException
                .conflict("MONTH_NOT_SEALED", "This transaction's month is not sealed yet."));
        List<StoredLink> links = sealService.checkedMonth(communityId, month).links();
        List<byte[]> leaves = links.stream().map(l -> JournalHashes.leaf(l.content().canonicalBytes())).toList();
        int index = 0;
        while (index < links.size() && !links.get(index).content().transactionId().equals(transactionId)) {
            index++;
        }
        return new TransactionProof(content, index, leaves.size(),
                JournalHashes.auditPath(leaves, index).stream().map(JournalHashes::hex).toList(), link.position(),
                JournalHashes.hex(link.hash()), seal.seal());
    }
}
