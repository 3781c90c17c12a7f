-- The reconciliation export's source was called shift_ledger, but "ledger" means points-service's journal
-- everywhere else in the suite; this table is only an append-only log of points-bearing facts (verifications
-- and corrections) that the export pages through. Renamed with its index, trigger and constraints, so that
-- its name says what it is. Rows, order and the append-only trigger are unchanged.
alter table shift_ledger rename to shift_export_log;
alter table shift_export_log rename constraint shift_ledger_pkey to shift_export_log_pkey;
alter table shift_export_log rename constraint shift_ledger_event_id_key to shift_export_log_event_id_key;
alter index shift_ledger_order rename to shift_export_log_order;
alter trigger shift_ledger_append_only on shift_export_log rename to shift_export_log_append_only;
alter sequence shift_ledger_seq_seq rename to shift_export_log_seq_seq;
