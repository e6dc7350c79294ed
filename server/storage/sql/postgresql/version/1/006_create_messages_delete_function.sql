-- SPDX-License-Identifier: MIT
-- Keeps rooms.message_count right whatever deletes messages (retention, manual clean-up),
-- once per statement rather than once per row.
CREATE FUNCTION kaiwa_messages_deleted() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    UPDATE rooms SET message_count = rooms.message_count - gone.n
    FROM (SELECT room, count(*) AS n FROM deleted_messages GROUP BY room) AS gone
    WHERE rooms.room = gone.room;
    RETURN NULL;
END
$body$
