-- The event stream (GET /api/v1/events) delivers events in the order of (tx, id): the id of the transaction that
-- wrote the row, then the row's identity. Identity values are drawn before commit, so a slow transaction can commit a
-- lower id after a higher one was already streamed; ordering by id alone would skip it. A row is streamed only once
-- its transaction id lies below the xmin of the reader's snapshot: every transaction below xmin has ended, so no row
-- can appear later below that point, and a (tx, id) cursor never passes an event that is still to commit.
-- Rows from before this migration all get its transaction's id and keep their id order.
alter table events add column tx xid8 not null default pg_current_xact_id();
create index events_stream_idx on events (tx, id);

-- One notification per inserting statement, sent inside the inserting transaction: PostgreSQL delivers it at commit
-- and never for a rollback. The payload is empty (identical notifications of a transaction fold into one); the
-- listener reads the table from its cursor.
create function events_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('genie_events', '');
    return null;
end
$$;

create trigger events_notify after insert on events for each statement execute function events_notify();
