-- Storage per credit (README "Storage per credit"). journal_transaction_shift indexed the shift of every shift
-- transaction, about 40 bytes per credit, for one reader: the notice board's hours, which finds all transactions of
-- the shifts booked in a month (the credit and any corrections, whatever month they were posted in). A credit needs no
-- index for that: its id is derived from its shift (DerivedIds: "shift-credit|" + shift id, a version 3 MD5 name-based
-- UUID), so the primary key finds it. Only corrections, whose ids come from the correction, are looked up by shift:
-- the index now covers them alone, a handful of rows beside the credits.
create function points.derived_id(name text) returns uuid
    language sql immutable strict parallel safe
    set search_path = pg_catalog, pg_temp
    -- java.util.UUID.nameUUIDFromBytes: MD5 of the UTF-8 bytes, version 3 in the high nibble of byte 6, the IETF
    -- variant in the two high bits of byte 8
    return (select encode(set_byte(set_byte(h, 6, (get_byte(h, 6) & 15) | 48), 8, (get_byte(h, 8) & 63) | 128),
                          'hex')::uuid
            from (select decode(md5(convert_to(name, 'UTF8')), 'hex') as h) digest);

create index journal_transaction_shift_correction on points.journal_transaction (shift_id)
    where kind = 'SHIFT_CORRECTION';
drop index points.journal_transaction_shift;
