package org.communitypoints.contracts.export;

import java.util.UUID;

import org.communitypoints.contracts.seal.CanonicalTransaction;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One link of a community's hash chain over points-service's journal ({@code GET /api/points/exports/chain}, an
 * {@link ExportPage} of these, in chain order). The transaction's content is shown as it is in the journal
 * <em>now</em>; {@code hash} is what the chain stored when it linked the transaction. A verifier recomputes
 * {@code hash} from the content and {@code previousHash} ({@link org.communitypoints.contracts.seal.JournalHashes}):
 * a difference means the journal was edited after it was linked.
 *
 * @param position the link's place in its community's chain, from 1, without gaps
 * @param content the transaction's canonical content as the journal holds it now
 * @param previousHash hex SHA-256 of the link before (64 zeros for position 1)
 * @param hash hex SHA-256 stored for this link when it was made
 * @param cursor the export position just after this link
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChainLink(long position, CanonicalTransaction content, String previousHash, String hash, String cursor) {

    @JsonIgnore
    public String communityId() {
        return content.communityId();
    }

    @JsonIgnore
    public UUID transactionId() {
        return content.transactionId();
    }
}
