-- The subsidy pool pays the means-tested discounts. Until now it was never funded and went below zero with every
-- discount; from here on it is funded only by staff transfers approved by a second staff member, within a monthly
-- budget per community, and it can never go below zero: a hold reserves its subsidy on the pool (a pending
-- posting, like the resident's leg), so a discount the pool cannot pay is refused when it is asked for, not when
-- it is captured.

alter table staff_transfer drop constraint staff_transfer_kind_check;
alter table staff_transfer add constraint staff_transfer_kind_check check (kind in ('ADJUSTMENT', 'POOL_FUNDING'));

-- A funding moves points from the community's issuance account into its pool. Cause POOL_FUNDING, the funding's id.
alter table journal_transaction drop constraint journal_transaction_kind_check;
alter table journal_transaction add constraint journal_transaction_kind_check
    check (kind in ('SHIFT_CREDIT', 'SHIFT_CORRECTION', 'HOLD', 'CAPTURE', 'RELEASE', 'ADJUSTMENT', 'REVERSAL',
                    'POOL_FUNDING'));

-- Whether the hold reserved its subsidy on the pool. Holds placed before this migration did not: their capture
-- takes the subsidy from the pool directly, if the pool has it.
alter table hold add column pool_reserved boolean not null default false;

-- A pool that is below zero today paid discounts the community never funded. It is funded now, in the books, by
-- exactly its deficit (issuance -> pool, actor 'system'), so that the constraint below holds for every row and is
-- checked in full (VALID), rather than NOT VALID and left to block the pool's next movement. The deficit is
-- history (the discounts were given); it is shown in the journal and the audit, and not counted against any
-- month's budget.
create temporary table pool_deficit on commit drop as
select a.id as pool_id, a.community_id, -(a.posted + a.pending) as deficit, gen_random_uuid() as transaction_id
from account a
where a.type = 'SUBSIDY_POOL' and a.posted + a.pending < 0;

insert into account (community_id, type, owner_id)
select community_id, 'ISSUANCE', '' from pool_deficit
on conflict on constraint account_unique do nothing;

insert into journal_transaction (id, community_id, kind, cause_type, cause_id, description, actor, reason, posted_at)
select transaction_id, community_id, 'POOL_FUNDING', 'POOL_FUNDING', transaction_id::text,
       '补贴池补足：此前已发放的社区补贴', 'system',
       'the pool paid discounts before it could be funded; funded by its deficit when it stopped going below zero',
       now()
from pool_deficit;

insert into posting (transaction_id, account_id, amount, pending, posted_at)
select d.transaction_id, d.pool_id, d.deficit, false, now() from pool_deficit d
union all
select d.transaction_id, i.id, -d.deficit, false, now()
from pool_deficit d join account i on i.community_id = d.community_id and i.type = 'ISSUANCE' and i.owner_id = '';

insert into control_audit (community_id, kind, transfer_id, action, actor, points, reason)
select community_id, 'POOL_FUNDING', null, 'BOOKED', 'system', deficit,
       'pool deficit from before the pool was funded, booked by migration V5 as transaction ' || transaction_id
from pool_deficit;

-- The pool's available balance (posted minus reserved) never goes below zero, whatever the code path: the same
-- rule as resident_available_never_negative. Writers lock the pool and check before reserving; this is the backstop.
alter table account add constraint subsidy_pool_available_never_negative
    check (type <> 'SUBSIDY_POOL' or (pending <= 0 and posted + pending >= 0));
