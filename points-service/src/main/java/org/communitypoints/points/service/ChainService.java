package org.communitypoints.points.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

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
     * @return how many transactions were linked; 0 when there was nothing to link or another instance holds the lock
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
        Set<String> communities = new LinkedHashSet<>();
        unlinked.forEach(u -> communities.add(u.content().communityId()));
        Map<String, Head> heads = chain.heads(communities);
        List<NewLink> links = new ArrayList<>(unlinked.size());
        for (Unlinked u : unlinked) {
            String community = u.content().communityId();
            Head head = heads.getOrDefault(community, new Head(0, JournalHashes.GENESIS));
            byte[] hash = JournalHashes.link(head.hash(), u.content().canonicalBytes());
            links.add(new NewLink(community, head.position() + 1, u.content().transactionId(), u.content().postedAt(),
                    head.hash(), hash));
            heads.put(community, new Head(head.position() + 1, hash));
        }
        chain.insert(links);
        chain.advance(unlinked.get(unlinked.size() - 1).writerXid());
        return links.size();
    }
}
