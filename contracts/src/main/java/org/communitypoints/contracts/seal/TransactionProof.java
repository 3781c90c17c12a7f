package org.communitypoints.contracts.seal;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The proof that one transaction is in a sealed month ({@code GET /api/points/me/proofs/{transactionId}}): everything
 * a verifier needs, with no access to the database. Verification ({@link #problems(PublicKey)}): the seal's signature
 * holds under the published key; the leaf hash recomputed from {@code transaction}'s canonical bytes, with the audit
 * path, gives the seal's Merkle root; the seal's month and community are the transaction's.
 *
 * @param transaction the transaction's canonical content
 * @param leafIndex its place among the month's transactions (chain order), from 0
 * @param treeSize how many transactions the month has (the seal's {@code transactions})
 * @param auditPath hex hashes from the leaf's sibling up (RFC 6962 §2.1.1)
 * @param chainPosition the transaction's place in its community's chain
 * @param chainHash the chain link stored for it
 * @param seal the signed seal of its month
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransactionProof(
        CanonicalTransaction transaction,
        long leafIndex,
        long treeSize,
        List<String> auditPath,
        long chainPosition,
        String chainHash,
        SignedSeal seal) {

    /** What fails, in words; empty when the proof holds. */
    public List<String> problems(PublicKey key) {
        List<String> problems = new ArrayList<>();
        if (!seal.signedBy(key)) {
            problems.add("the seal's signature does not verify with the given public key");
        }
        SealStatement statement;
        try {
            statement = seal.parsed();
        } catch (RuntimeException e) {
            problems.add("the seal's statement cannot be read: " + e.getMessage());
            return problems;
        }
        if (!statement.communityId().equals(transaction.communityId())) {
            problems.add("the seal is of community " + statement.communityId() + ", the transaction of "
                    + transaction.communityId());
        }
        if (statement.transactions() != treeSize) {
            problems.add("the seal covers " + statement.transactions() + " transactions, the proof says " + treeSize);
        }
        byte[] leaf = JournalHashes.leaf(transaction.canonicalBytes());
        List<byte[]> path = auditPath.stream().map(JournalHashes::unhex).toList();
        if (!JournalHashes.verifyPath(leaf, leafIndex, treeSize, path, JournalHashes.unhex(statement.merkleRoot()))) {
            problems.add("transaction " + transaction.transactionId()
                    + " with this content is not leaf " + leafIndex + " of the sealed month's Merkle root");
        }
        return problems;
    }

    /** Whether {@code link} is the chain hash of this transaction after {@code previous} (both hex). */
    public static boolean links(String previous, CanonicalTransaction transaction, String link) {
        return MessageDigest.isEqual(JournalHashes.unhex(link),
                JournalHashes.link(JournalHashes.unhex(previous), transaction.canonicalBytes()));
    }
}
