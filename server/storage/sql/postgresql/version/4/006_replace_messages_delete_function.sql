-- SPDX-License-Identifier: MIT
-- As in version 1, but events (edits, deletes, reactions) do not count as messages.
CREATE OR REPLACE FUNCTION kaiwa_messages_deleted() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    UPDATE rooms SET message_count = rooms.message_count - gone.n
    FROM (SELECT room, count(*) AS n FROM deleted_messages WHERE kind = 0 GROUP BY room) AS gone
    WHERE rooms.room = gone.room;
    RETURN NULL;
END
$body$
