package org.communitypoints.reconciler.engine;

import java.security.PublicKey;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.communitypoints.contracts.export.ChainLink;
import org.communitypoints.contracts.seal.JournalHashes;
import org.communitypoints.contracts.seal.SealStatement;
import org.communitypoints.contracts.seal.SignedSeal;
import org.communitypoints.contracts.seal.TransactionProof;

/**
 * The journal's integrity record (points-service README "Hash chain, seals and proofs"): every chain link recomputes
 * from the transaction's content as the journal holds it now and continues the link before it; every seal is signed
 * by the published key and agrees with the chain (its chain head, and the Merkle root and count of its month's
 * transactions). Seals are given first, so the chain is read once and only the sealed months' leaves are kept.
 */
public final class IntegrityChecks {

    private record Head(long position, String hash) {
    }

    private final ZoneId zone;
    private final List<Discrepancy> found = new ArrayList<>();
    private final Map<String, Head> heads = new HashMap<>();
    /** Sealed months: community → month → the seal's statement. */
    private final Map<String, Map<YearMonth, SealStatement>> sealed = new HashMap<>();
    /** The chain hash at each position a seal names: community → position → hash. */
    private final Map<String, Map<Long, String>> wantedHeads = new HashMap<>();
    private final Map<String, Map<YearMonth, List<byte[]>>> leaves = new HashMap<>();
    private long links;

    public IntegrityChecks(ZoneId zone) {
        this.zone = zone;
    }

    /** A seal as published; {@code key} null when the deployment publishes none. */
    public void seal(SignedSeal seal, PublicKey key) {
        SealStatement statement;
        try {
            statement = seal.parsed();
        } catch (RuntimeException e) {
            found.add(new Discrepancy(DiscrepancyType.SEAL_SIGNATURE_INVALID, Discrepancy.ids("keyId", seal.keyId()),
                    "a readable seal statement", e.getMessage(), "find out who wrote this seal"));
            return;
        }
        if (key == null || !seal.signedBy(key)) {
            found.add(new Discrepancy(DiscrepancyType.SEAL_SIGNATURE_INVALID,
                    Discrepancy.ids("communityId", statement.communityId(), "month", statement.month().toString(),
                            "keyId", seal.keyId()),
                    "a signature by the published key", key == null ? "no published key" : "signature does not verify",
                    "the seal was not made with this deployment's key, or its statement was changed: investigate"));
        }
        sealed.computeIfAbsent(statement.communityId(), c -> new HashMap<>()).put(statement.month(), statement);
        wantedHeads.computeIfAbsent(statement.communityId(), c -> new HashMap<>()).put(statement.chainPosition(), null);
    }

    /** The next link of the chain export (links arrive in the order they were made). */
    public void link(ChainLink link) {
        links++;
        String community = link.communityId();
        Head before = heads.getOrDefault(community, new Head(0, JournalHashes.hex(JournalHashes.GENESIS)));
        if (link.position() != before.position() + 1 || !before.hash().equals(link.previousHash())) {
            found.add(new Discrepancy(DiscrepancyType.CHAIN_BROKEN,
                    Discrepancy.ids("communityId", community, "position", Long.toString(link.position()),
                            "transactionId", link.transactionId().toString()),
                    "position " + (before.position() + 1) + " after " + before.hash(),
                    "position " + link.position() + " after " + link.previousHash(),
                    "a link is missing or was replaced: compare the chain with the last verified run"));
        }
        if (!TransactionProof.links(link.previousHash(), link.content(), link.hash())) {
            found.add(new Discrepancy(DiscrepancyType.CHAIN_LINK_MISMATCH,
                    Discrepancy.ids("communityId", community, "transactionId", link.transactionId().toString(),
                            "position", Long.toString(link.position())),
                    "content that gives link " + link.hash(), "content changed since it was linked",
                    "the journal was edited behind its triggers: restore the transaction from a backup or the sealed "
                            + "proof and find out who had the schema owner's rights"));
        }
        heads.put(community, new Head(link.position(), link.hash()));
        Map<Long, String> wanted = wantedHeads.get(community);
        if (wanted != null && wanted.containsKey(link.position())) {
            wanted.put(link.position(), link.hash());
        }
        YearMonth month = YearMonth.from(link.content().postedAt().atZone(zone));
        Map<YearMonth, SealStatement> months = sealed.get(community);
        if (months != null && months.containsKey(month)) {
            leaves.computeIfAbsent(community, c -> new HashMap<>()).computeIfAbsent(month, m -> new ArrayList<>())
                    .add(JournalHashes.leaf(link.content().canonicalBytes()));
        }
    }

    /** What was found, once the seals and the whole chain were given. */
    public List<Discrepancy> finish() {
        sealed.forEach((community, months) -> months.forEach((month, statement) -> {
            List<byte[]> monthLeaves = leaves.getOrDefault(community, Map.of()).getOrDefault(month, List.of());
            String root = JournalHashes.hex(JournalHashes.root(monthLeaves));
            String head = statement.chainPosition() == 0 ? JournalHashes.hex(JournalHashes.GENESIS)
                    : wantedHeads.get(community).get(statement.chainPosition());
            if (monthLeaves.size() != statement.transactions() || !root.equals(statement.merkleRoot())
                    || !statement.chainHash().equals(head)) {
                found.add(new Discrepancy(DiscrepancyType.SEAL_MISMATCH,
                        Discrepancy.ids("communityId", community, "month", month.toString()),
                        statement.transactions() + " transactions, root " + statement.merkleRoot() + ", head "
                                + statement.chainHash(),
                        monthLeaves.size() + " transactions, root " + root + ", head " + head,
                        "the sealed month's transactions differ from the chain: a transaction was added, removed or "
                                + "reordered after sealing"));
            }
        }));
        return found;
    }

    public long links() {
        return links;
    }
}
