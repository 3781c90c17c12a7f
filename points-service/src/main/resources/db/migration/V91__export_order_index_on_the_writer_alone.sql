-- Storage per credit (README "Storage per credit"). posting_export_order held (writer_xid, seq): one 24-byte entry per
-- posting, since seq makes every key distinct. Keyed by writer_xid alone, the postings one transaction wrote share
-- one key, and the B-tree keeps such duplicates as a single key with a list of row pointers (deduplication, on by
-- default; xid8 supports it): a consumer batch writing a thousand postings costs about 6 bytes a posting instead of
-- 28. The two readers, the reconciliation export's page and the chain sequencer's scan, both order by
-- (writer_xid, seq): the index hands the rows over in writer_xid order and PostgreSQL sorts each writer's rows by seq
-- (an incremental sort, one writer's rows at a time), and the export's (writer_xid, seq) > cursor condition becomes
-- writer_xid >= cursor in the index. What a page reads beyond its rows is the rest of one writing transaction at most.
-- Order, gaps and repeats of the export are unchanged: they come from the columns, not from the index.
drop index points.posting_export_order;
create index posting_export_order on points.posting (writer_xid) with (fillfactor = 100);
