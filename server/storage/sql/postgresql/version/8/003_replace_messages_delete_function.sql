-- SPDX-License-Identifier: MIT
-- As in version 4, and the search index rows of the deleted messages go too (what the foreign key's cascade did
-- before 002), once per statement.
CREATE OR REPLACE FUNCTION kaiwa_messages_deleted() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    UPDATE rooms SET message_count = rooms.message_count - gone.n
    FROM (SELECT room, count(*) AS n FROM deleted_messages WHERE kind = 0 GROUP BY room) AS gone
    WHERE rooms.room = gone.room;
    DELETE FROM message_search AS s USING deleted_messages AS d WHERE s.room = d.room AND s.id = d.id;
    RETURN NULL;
END
$body$
