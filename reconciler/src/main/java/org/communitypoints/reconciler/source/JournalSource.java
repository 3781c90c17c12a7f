package org.communitypoints.reconciler.source;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.reconciler.client.CouldNotRunException;
import org.communitypoints.reconciler.client.GatewayClient;
import org.communitypoints.reconciler.client.ServiceAccount;
import org.communitypoints.reconciler.config.ReconcilerConfig;
import org.communitypoints.reconciler.model.AccountType;
import org.communitypoints.reconciler.model.LedgerPosting;
import org.communitypoints.reconciler.model.Movement;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Adapter for points-service's journal export ({@code GET /api/points/exports/journal}): postings in
 * export order (writing transaction, then sequence), so a transaction's legs arrive together. This is
 * the export with a million entries, so it maps the token stream straight to records, without a tree.
 */
@ApplicationScoped
public class JournalSource {

    static final String EXPORT = "points journal";

    private final GatewayClient gateway;
    private final ServiceAccount account;
    private final int pageSize;

    public JournalSource(@RestClient GatewayClient gateway, ServiceAccount account, ReconcilerConfig config) {
        this.gateway = gateway;
        this.account = account;
        this.pageSize = config.journalPageSize();
    }

    /** Feeds every posting after {@code after}; returns the cursor to resume from. */
    public String read(String after, Consumer<LedgerPosting> sink) {
        PostingReader reader = new PostingReader();
        return Pages.readAll(EXPORT, after, cursor -> gateway.journal(account.authorization(), cursor, pageSize),
                parser -> sink.accept(reader.read(parser)));
    }

    /** Maps one entry; remembers the last timestamp, which the legs of a transaction share. */
    static final class PostingReader {
        private String lastPostedAtText;
        private Instant lastPostedAt;

        LedgerPosting read(JsonParser p) throws IOException {
            Long sequence = null;
            Long amount = null;
            String transactionId = null;
            String kind = null;
            String causeId = null;
            String accountId = null;
            String owner = null;
            String accountType = null;
            String communityId = null;
            String postedAt = null;
            boolean pending = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (name) {
                    case "sequence" -> sequence = p.getValueAsLong();
                    case "transactionId" -> transactionId = p.getText();
                    case "kind" -> kind = p.getText();
                    case "causeId" -> causeId = p.getText();
                    case "accountId" -> accountId = p.getText();
                    case "owner", "ownerId" -> owner = p.getText();
                    case "accountType" -> accountType = p.getText();
                    case "communityId" -> communityId = p.getText();
                    case "amount" -> amount = p.getValueAsLong();
                    case "pending" -> pending = value == JsonToken.VALUE_TRUE;
                    case "postedAt" -> postedAt = p.getText();
                    default -> p.skipChildren();
                }
            }
            if (sequence == null || transactionId == null || accountId == null || amount == null) {
                throw new CouldNotRunException("the " + EXPORT + " export sent an entry without sequence, transactionId, "
                        + "accountId or amount (sequence " + sequence + ", transaction " + transactionId + ")");
            }
            return new LedgerPosting(sequence, transactionId, movement(kind), causeId, accountId, owner,
                    accountType(accountType), communityId, amount, pending, instant(postedAt));
        }

        private Instant instant(String text) {
            if (text == null) {
                return null;
            }
            if (!text.equals(lastPostedAtText)) {
                try {
                    lastPostedAt = Instant.parse(text);
                } catch (DateTimeParseException e) {
                    throw new CouldNotRunException("not a timestamp in postedAt: " + text, e);
                }
                lastPostedAtText = text;
            }
            return lastPostedAt;
        }
    }

    private static Movement movement(String kind) {
        if (kind == null) {
            return Movement.OTHER;
        }
        return switch (kind) {
            case "SHIFT_CREDIT" -> Movement.SHIFT_CREDIT;
            case "SHIFT_CORRECTION" -> Movement.SHIFT_CORRECTION;
            case "HOLD" -> Movement.HOLD;
            case "CAPTURE" -> Movement.CAPTURE;
            case "RELEASE" -> Movement.RELEASE;
            default -> Movement.OTHER;
        };
    }

    /** The ledger's REDEMPTION account is the partner's: what residents and the pool paid it. */
    static AccountType accountType(String type) {
        if ("RESIDENT".equals(type)) {
            return AccountType.RESIDENT;
        }
        return "REDEMPTION".equals(type) || "PARTNER".equals(type) ? AccountType.PARTNER : AccountType.OTHER;
    }
}
