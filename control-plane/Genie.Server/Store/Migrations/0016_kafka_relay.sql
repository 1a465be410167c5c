-- The Kafka relay's position in the outbox: the (tx, id) of the last event it has published (see 0014 for why the
-- position is the writing transaction's id, then the row id). The relay publishes only settled events (their
-- transaction below the xmin of its snapshot), in (tx, id) order, so an event that commits late with a low id is
-- still ahead of the position when it becomes visible: nothing is skipped, and a position never needs a gap list.
-- One row per relay name; the replica holding the relay's advisory lock is the only one that moves it.
create table kafka_relay_positions (
    relay        text        primary key,
    tx           xid8        not null,
    id           bigint      not null,
    published_at timestamptz
);
