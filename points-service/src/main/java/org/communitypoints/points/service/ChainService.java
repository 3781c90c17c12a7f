package org.communitypoints.points.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.contracts.seal.CanonicalTransaction;
import org.communitypoints.contracts.seal.JournalHashes;
import org.communitypoints.points.config.PointsConfig;
import org.communitypoints.points.repository.ChainRepository;
import org.communitypoints.points.repository.ChainRepository.Head;
import org.communitypoints.points.repository.ChainRepository.NewLink;
import org.communitypoints.points.repository.ChainRepository.Unlinked;

/**
 * The sequencer of the hash chain: links committed journal transactions, per community, in the journal export's
 * gap-free commit order. It runs in a transaction of its own, after the writers committed, so no credit ever waits
 * for it; one instance at a time links (the chain's advisory lock), the others skip their turn.
 */
@ApplicationScoped
public class ChainService {

    private final ChainRepository chain;
    private final PointsConfig config;

    public ChainService(ChainRepository chain, PointsConfig config) {
        this.chain = chain;
        this.config = config;
    }

    /**
     * Links the next batch of committed transactions.
     *
     * @return how many transactions were linked (one stored link per community and writing transaction covers many); 0 when
     *         there was nothing to link or another instance holds the lock
     */
    @Transactional
    public int linkNext() {
        if (!chain.tryLock()) {
            return 0;
        }
        return linkLocked();
    }

    /** Links a batch; the caller's transaction holds the chain's lock. */
    int linkLocked() {
        List<Unlinked> unlinked = chain.unlinkedAfter(chain.lastLinkedXid(), config.chain().batchPostings());
        if (unlinked.isEmpty()) {
            return 0;
        }
        // what each writing transaction wrote for each community, in export order: the writers come in xid order, so
        // a community's groups come in its chain order
        Map<WriterShare, List<CanonicalTransaction>> byWriter = new LinkedHashMap<>();
        for (Unlinked u : unlinked) {
            byWriter.computeIfAbsent(new WriterShare(u.content().communityId(), u.writerXid()), k -> new ArrayList<>())
                    .add(u.content());
        }
        Map<String, Head> heads = chain.heads(byWriter.keySet().stream().map(WriterShare::communityId).distinct().toList());
        List<NewLink> links = new ArrayList<>();
        for (Map.Entry<WriterShare, List<CanonicalTransaction>> group : byWriter.entrySet()) {
            String community = group.getKey().communityId();
            List<CanonicalTransaction> transactions = group.getValue();
            Head head = heads.getOrDefault(community, new Head(0, JournalHashes.GENESIS));
            Instant postedAt = transactions.get(0).postedAt();
            if (transactions.stream().allMatch(t -> t.postedAt().equals(postedAt))) {
                // the usual case, a consumer batch: one link for all of them, its hash the last one's
                byte[] hash = head.hash();
                for (CanonicalTransaction t : transactions) {
                    hash = JournalHashes.link(hash, t.canonicalBytes());
                }
                links.add(NewLink.ofWriter(community, head.position() + 1, transactions.size(), group.getKey().writerXid(),
                        postedAt, head.hash(), hash));
                heads.put(community, new Head(head.position() + transactions.size(), hash));
            } else {
                // a writer whose transactions took different times (a poll of hold requests): a link each, so that
                // every link's time is that of what it covers (its month, and the proof's look-up, rely on it)
                for (CanonicalTransaction t : transactions) {
                    byte[] hash = JournalHashes.link(head.hash(), t.canonicalBytes());
                    links.add(NewLink.ofTransaction(community, head.position() + 1, t.transactionId(), t.postedAt(),
                            head.hash(), hash));
                    head = new Head(head.position() + 1, hash);
                }
                heads.put(community, head);
            }
        }
        chain.insert(links);
        chain.advance(unlinked.get(unlinked.size() - 1).writerXid());
        return unlinked.size();
    }

    /** What one writing transaction wrote for one community: the transactions one stored link covers. */
    private record WriterShare(String communityId, String writerXid) {
    }
}
