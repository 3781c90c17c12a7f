package org.communitypoints.reconciler.http;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitypoints.contracts.export.ChainLink;
import org.communitypoints.contracts.seal.CanonicalTransaction;
import org.communitypoints.contracts.seal.CanonicalTransaction.Leg;
import org.communitypoints.contracts.seal.JournalHashes;
import org.communitypoints.contracts.seal.SealStatement;
import org.communitypoints.contracts.seal.SignedSeal;
import org.communitypoints.contracts.seal.TransactionProof;

/** A community's hash chain and a signed seal of its month, built the way points-service builds them. */
final class ChainFixtures {

    static final String COMMUNITY = "wutong";
    static final YearMonth MONTH = YearMonth.of(2026, 10);

    final KeyPair key = generate();
    final List<CanonicalTransaction> transactions = new ArrayList<>();
    final List<ChainLink> links = new ArrayList<>();
    SignedSeal seal;

    /** Books a credit on day {@code day} of {@link #MONTH} and links it. */
    CanonicalTransaction credit(String member, long points, int day) {
        Instant at = MONTH.atDay(day).atTime(2, 0).toInstant(java.time.ZoneOffset.UTC);
        UUID id = UUID.randomUUID();
        CanonicalTransaction t = new CanonicalTransaction(id, COMMUNITY, "SHIFT_CREDIT", "SHIFT",
                UUID.randomUUID().toString(), "system", null, null, "食堂秩序维护", at,
                List.of(new Leg("RESIDENT", member, points, false), new Leg("ISSUANCE", "", -points, false)));
        String previous = links.isEmpty() ? JournalHashes.hex(JournalHashes.GENESIS) : links.get(links.size() - 1).hash();
        String hash = JournalHashes.hex(JournalHashes.link(JournalHashes.unhex(previous), t.canonicalBytes()));
        transactions.add(t);
        links.add(new ChainLink(links.size() + 1, t, previous, hash, Integer.toString(links.size() + 1)));
        return t;
    }

    /** Seals {@link #MONTH} over every transaction booked so far. */
    SignedSeal seal() {
        List<byte[]> leaves = leaves();
        ChainLink head = links.get(links.size() - 1);
        SealStatement statement = new SealStatement(COMMUNITY, MONTH, leaves.size(),
                JournalHashes.hex(JournalHashes.root(leaves)), head.position(), head.hash(),
                transactions.stream().mapToLong(t -> t.legs().get(0).amount()).sum(), 0, 0, 0,
                Map.of("SHIFT_CREDIT", transactions.stream().mapToLong(t -> t.legs().get(0).amount()).sum()), Map.of(),
                Instant.parse("2026-11-01T00:10:00Z"), "test-key");
        seal = new SignedSeal(statement.text(), sign(statement.text()), "test-key");
        return seal;
    }

    /** The proof of transaction {@code index}, as {@code GET /api/points/me/proofs/{id}} gives it. */
    TransactionProof proof(int index) {
        List<byte[]> leaves = leaves();
        return new TransactionProof(transactions.get(index), index, leaves.size(),
                JournalHashes.auditPath(leaves, index).stream().map(JournalHashes::hex).toList(),
                links.get(index).position(), links.get(index).hash(), seal);
    }

    String publicKey() {
        return Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
    }

    /** The link of transaction {@code index} with its content edited behind the chain's back. */
    ChainLink edited(int index, long points) {
        ChainLink link = links.get(index);
        CanonicalTransaction t = link.content();
        CanonicalTransaction changed = new CanonicalTransaction(t.transactionId(), t.communityId(), t.kind(),
                t.causeType(), t.causeId(), t.actor(), t.approvedBy(), t.reason(), t.description(), t.postedAt(),
                List.of(new Leg("RESIDENT", t.legs().get(0).ownerId(), points, false),
                        new Leg("ISSUANCE", "", -points, false)));
        return new ChainLink(link.position(), changed, link.previousHash(), link.hash(), link.cursor());
    }

    void load(StandInGateway gateway, List<ChainLink> chain) {
        chain.forEach(l -> gateway.chain.add(ExportJson.MAPPER.valueToTree(l)));
        if (seal != null) {
            gateway.seals.add(ExportJson.MAPPER.valueToTree(seal));
        }
        gateway.sealKey = ExportJson.MAPPER.createObjectNode().put("keyId", "test-key").put("algorithm", "Ed25519")
                .put("publicKey", publicKey());
    }

    private List<byte[]> leaves() {
        return transactions.stream().map(t -> JournalHashes.leaf(t.canonicalBytes())).toList();
    }

    private String sign(String text) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key.getPrivate());
            signer.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
