-- SPDX-License-Identifier: MIT
-- Group commit in one round trip (append_messages.sql, PostgresMessageStore::appendAll), as in version 7 but set
-- at a time: one statement per step for the whole batch instead of four per message, which halves what PostgreSQL
-- spends per message (docs/performance.md, "PostgreSQL, set at a time").
--
-- The batch: a JSON array of chat messages without reply_to (ord, room, time, user, text, client_id, verified,
-- author, mentions, body: the tsvector literal of message_search). First every room of the batch exists and is
-- locked, in name order: two daemons whose batches share rooms lock them in the same order and never deadlock, and
-- last_id is read under the lock. Then, in one statement: a client_id the room already holds stores nothing and gives
-- its id back (out_duplicate); one that comes twice in the batch is stored once, the later copies get the first one's
-- id; the rest take the room's next ids in batch order (ord), dense; the rooms' counters move once per room.
CREATE OR REPLACE FUNCTION kaiwa_append_messages(batch jsonb)
RETURNS TABLE (out_ord integer, out_id bigint, out_duplicate boolean)
LANGUAGE plpgsql AS $body$
BEGIN
    INSERT INTO rooms (room)
    SELECT DISTINCT x.room FROM jsonb_to_recordset(batch) AS x(room text) ORDER BY x.room
    ON CONFLICT (room) DO NOTHING;
    PERFORM 1 FROM rooms
    WHERE rooms.room IN (SELECT x.room FROM jsonb_to_recordset(batch) AS x(room text))
    ORDER BY rooms.room
    FOR UPDATE;

    RETURN QUERY
    WITH b AS (
        SELECT x.*, row_number() OVER (PARTITION BY x.room, x.client_id ORDER BY x.ord) AS copy
        FROM jsonb_to_recordset(batch) AS x(ord integer, room text, "time" bigint, "user" text, text text,
                                            client_id text, verified boolean, author text, mentions text, body text)
    ),
    known AS (
        SELECT b.ord, msg.id FROM b JOIN messages AS msg ON msg.room = b.room AND msg.client_id = b.client_id
    ),
    fresh AS (
        SELECT b.*, r.last_id + row_number() OVER (PARTITION BY b.room ORDER BY b.ord) AS id
        FROM b JOIN rooms AS r ON r.room = b.room
        WHERE (b.client_id IS NULL OR b.copy = 1) AND NOT EXISTS (SELECT 1 FROM known WHERE known.ord = b.ord)
    ),
    stored AS (
        INSERT INTO messages (room, id, "time", "user", text, client_id, verified, kind, author, moderator, mentions)
        SELECT f.room, f.id, f."time", f."user", f.text, f.client_id, f.verified, 0, f.author, false, f.mentions
        FROM fresh AS f ORDER BY f.room, f.id
    ),
    indexed AS (
        INSERT INTO message_search (room, id, tokens)
        SELECT f.room, f.id, CAST(f.body AS tsvector) FROM fresh AS f ORDER BY f.room, f.id
    ),
    counted AS (
        UPDATE rooms AS r
        SET last_id = r.last_id + n.added, message_count = r.message_count + n.added, last_activity = n.latest
        FROM (SELECT f.room, count(*) AS added, max(f."time") AS latest FROM fresh AS f GROUP BY f.room) AS n
        WHERE r.room = n.room
    )
    SELECT b.ord::integer, COALESCE(f.id, k.id, first.id), f.id IS NULL
    FROM b
    LEFT JOIN fresh AS f ON f.ord = b.ord
    LEFT JOIN known AS k ON k.ord = b.ord
    LEFT JOIN fresh AS first ON b.copy > 1 AND first.room = b.room AND first.client_id = b.client_id;
END
$body$
