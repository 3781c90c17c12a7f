-- Storage per credit (README "Storage per credit"). A credit writes two posting rows, and each row had four index
-- entries. The primary key on seq is one no query uses: a posting is found by its account (posting_by_account: the
-- passbook, balances through a line), by its transaction (posting_by_transaction: a transaction's legs, the chain's
-- content) or in export order (posting_export_order: the reconciliation export and the chain's sequencer), never by
-- seq alone. Dropping it saves about 20 bytes per posting.
--
-- What the key guaranteed, a seq used once, the identity column still gives: seq and writer_xid now come from their
-- defaults only, because the runtime role may insert the other columns and not these two (an INSERT naming seq with
-- OVERRIDING SYSTEM VALUE, or naming writer_xid, is refused). The export's gap-free order and the passbook's cursor rely
-- on exactly these two columns. (Skipped for a runtime role that is the owner itself, as in V50.)
alter table points.posting drop constraint posting_pkey;

do $$
begin
    if '${runtime_role}' <> current_user then
        revoke insert on points.posting from ${runtime_role};
        grant insert (transaction_id, account_id, amount, pending, posted_at) on points.posting to ${runtime_role};
    end if;
end $$;

-- Indexes whose new keys sort after the keys before them, over the whole index (the writing transaction's id and seq,
-- the chain's seq) or within a community (its next chain position, its next posting time): PostgreSQL fills the page
-- it splits there up to the fillfactor, and nothing is inserted into those pages afterwards, so packing them full
-- (100; the default is 90) wastes nothing. Indexes with random keys (uuids, a resident's postings) keep the default.
alter index points.posting_export_order set (fillfactor = 100);
alter index points.chain_link_pkey set (fillfactor = 100);
alter index points.chain_link_seq_key set (fillfactor = 100);
alter index points.chain_link_by_month set (fillfactor = 100);
