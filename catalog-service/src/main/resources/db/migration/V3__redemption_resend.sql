-- The saga's re-sends (service/SagaRecoveryJob): a redemption still waiting for points-service's answer asks
-- again. One row per redemption and step, so each re-send backs off from the last and an operator can see how
-- often a redemption was asked about. Kept apart from redemption so that a re-send does not change the
-- redemption's row: the export (change_seq, writer_xid) shows state changes, not reminders.
create table redemption_resend (
    redemption_id   uuid        not null references redemption (id),
    step            text        not null check (step in ('hold-requested', 'capture-requested', 'release-requested')),
    attempts        integer     not null check (attempts > 0),
    last_sent_at    timestamptz not null,
    primary key (redemption_id, step)
);

-- The job's search: open steps by the time they started waiting.
create index redemption_waiting on redemption (state, changed_at)
    where state in ('PENDING', 'FULFILLED', 'CANCELLED', 'EXPIRED');
