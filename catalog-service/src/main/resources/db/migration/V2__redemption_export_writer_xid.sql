-- The export pages by (writer transaction id, change sequence) below the gap-free horizon (platform-data's
-- ExportCursor): a change whose transaction commits after a later-numbered one is still read, because the
-- export only shows rows of transactions that have all ended. This replaces the 2-second settle window,
-- which could skip a change of a transaction longer than that.
alter table redemption add column writer_xid xid8 not null default pg_current_xact_id();
create index redemption_export on redemption (writer_xid, change_seq);
drop index redemption_change;

create or replace function redemption_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        new.change_seq := nextval('redemption_change_seq');
        new.changed_at := clock_timestamp();
        new.writer_xid := pg_current_xact_id();
    end if;
    return new;
end $$;
