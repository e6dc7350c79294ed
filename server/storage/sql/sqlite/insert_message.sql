-- SPDX-License-Identifier: MIT
-- Stores an event (a message, edit, delete or reaction) under the next id of its room, in one statement:
-- a write statement takes the write lock before it reads, so daemons sharing the file cannot pick the
-- same id; the trigger messages_after_insert advances rooms.last_id. A client_id the room already holds
-- inserts nothing and returns no row (the caller reads the original); its id is not used up, so ids
-- stay dense. (id_room repeats room: Qt binds each named placeholder once. No apostrophes in these
-- comments: Qt looks for placeholders outside quotes, and a comment is not special to it.)
INSERT INTO messages (room, id, time, user, text, client_id, verified, kind, target, author, reply_user, reply_excerpt,
                      emoji, added, moderator, mentions)
VALUES (:room, coalesce((SELECT last_id FROM rooms WHERE room = :id_room), 0) + 1, :time, :user, :text, :client_id,
        :verified, :kind, :target, :author, :reply_user, :reply_excerpt, :emoji, :added, :moderator, :mentions)
ON CONFLICT (room, client_id) WHERE client_id IS NOT NULL DO NOTHING
RETURNING id
