-- SPDX-License-Identifier: MIT
-- Group commit in one round trip (append_messages.sql, PostgresMessageStore::appendAll): stores a batch of chat
-- messages without reply_to, given as a JSON array of objects (ord, room, time, user, text, client_id, verified,
-- author, mentions, body: the tsvector literal of message_search), exactly as bump_room, select_message_by_client_id,
-- insert_message and search_insert do one message at a time. Rooms are taken in name order, so two daemons whose
-- batches share rooms lock them in the same order and never deadlock; within a room, in the batch order (ord).
-- A client_id the room already holds stores nothing and gives its id back: out_duplicate, out_id the original.
CREATE OR REPLACE FUNCTION kaiwa_append_messages(batch jsonb)
RETURNS TABLE (out_ord integer, out_id bigint, out_duplicate boolean)
LANGUAGE plpgsql AS $body$
DECLARE
    m record;
    original bigint;
BEGIN
    FOR m IN
        SELECT x.* FROM jsonb_to_recordset(batch) AS x(ord integer, room text, "time" bigint, "user" text, text text,
                                                    client_id text, verified boolean, author text, mentions text,
                                                    body text)
        ORDER BY x.room, x.ord
    LOOP
        out_ord := m.ord;
        INSERT INTO rooms AS r (room, last_id, message_count, last_activity) VALUES (m.room, 1, 1, m."time")
        ON CONFLICT (room) DO UPDATE SET
            last_id = r.last_id + 1,
            message_count = r.message_count + 1,
            last_activity = excluded.last_activity
        RETURNING r.last_id INTO out_id;
        out_duplicate := false;
        IF m.client_id IS NOT NULL THEN
            SELECT msg.id INTO original FROM messages AS msg WHERE msg.room = m.room AND msg.client_id = m.client_id;
            IF FOUND THEN
                UPDATE rooms SET last_id = last_id - 1, message_count = message_count - 1 WHERE rooms.room = m.room;
                out_id := original;
                out_duplicate := true;
                RETURN NEXT;
                CONTINUE;
            END IF;
        END IF;
        INSERT INTO messages (room, id, "time", "user", text, client_id, verified, kind, author, moderator, mentions)
        VALUES (m.room, out_id, m."time", m."user", m.text, m.client_id, m.verified, 0, m.author, false, m.mentions);
        INSERT INTO message_search (room, id, tokens) VALUES (m.room, out_id, CAST(m.body AS tsvector));
        RETURN NEXT;
    END LOOP;
END
$body$
