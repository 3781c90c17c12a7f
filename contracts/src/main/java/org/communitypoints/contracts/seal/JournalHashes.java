package org.communitypoints.contracts.seal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The hashes of the journal's integrity record, all SHA-256 (points-service/README.md, "Hash chain, seals and proofs"):
 *
 * <ul>
 * <li><b>chain link</b>: {@code link(n) = SHA-256(link(n-1) ‖ canonical(tx n))}, with 32 zero bytes before the first
 * transaction of a community. Each community has its own chain, in commit order.</li>
 * <li><b>Merkle tree</b> of a sealed month (RFC 6962 §2.1, as Certificate Transparency): leaves are the month's
 * transactions in chain order, {@code leaf = SHA-256(0x00 ‖ canonical(tx))}, inner nodes
 * {@code SHA-256(0x01 ‖ left ‖ right)}, a tree of n leaves split at the largest power of two below n; the root of
 * an empty month is SHA-256 of nothing. The prefixes keep a leaf from ever passing for an inner node.</li>
 * </ul>
 */
public final class JournalHashes {

    /** What comes before the first link of a community's chain. */
    public static final byte[] GENESIS = new byte[32];

    private static final HexFormat HEX = HexFormat.of();

    private JournalHashes() {
    }

    public static byte[] sha256(byte[]... parts) {
        MessageDigest digest = digest();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    public static byte[] link(byte[] previous, byte[] canonical) {
        return sha256(previous, canonical);
    }

    public static byte[] leaf(byte[] canonical) {
        return sha256(new byte[] { 0 }, canonical);
    }

    public static byte[] node(byte[] left, byte[] right) {
        return sha256(new byte[] { 1 }, left, right);
    }

    /** The Merkle tree head of these leaf hashes (each already {@link #leaf}). */
    public static byte[] root(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            return sha256();
        }
        return root(leaves, 0, leaves.size());
    }

    private static byte[] root(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leaves.get(from);
        }
        int k = split(n);
        return node(root(leaves, from, from + k), root(leaves, from + k, to));
    }

    /** The audit path of leaf {@code index} (RFC 6962 §2.1.1), from the leaf's sibling up to the root's child. */
    public static List<byte[]> auditPath(List<byte[]> leaves, int index) {
        if (index < 0 || index >= leaves.size()) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + leaves.size());
        }
        List<byte[]> path = new ArrayList<>();
        path(leaves, 0, leaves.size(), index, path);
        return path;
    }

    private static void path(List<byte[]> leaves, int from, int to, int index, List<byte[]> path) {
        int n = to - from;
        if (n == 1) {
            return;
        }
        int k = split(n);
        if (index < k) {
            path(leaves, from, from + k, index, path);
            path.add(root(leaves, from + k, to));
        } else {
            path(leaves, from + k, to, index - k, path);
            path.add(root(leaves, from, from + k));
        }
    }

    /**
     * Whether {@code leaf} is leaf {@code index} of the tree of {@code size} leaves with this root (RFC 9162
     * §2.1.3.2).
     */
    public static boolean verifyPath(byte[] leaf, long index, long size, List<byte[]> path, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leaf;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = node(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    public static byte[] unhex(String hex) {
        return HEX.parseHex(hex);
    }

    /** The largest power of two strictly below n (n ≥ 2). */
    private static int split(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
