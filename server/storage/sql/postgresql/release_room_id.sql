-- SPDX-License-Identifier: MIT
-- Gives back the id bump_room reserved when nothing is stored under it (a duplicate client_id, a refused reply):
-- the row lock bump_room took is still held, so that id is still the last one of the room. The activity time keeps
-- what the bump wrote. (No apostrophes in these comments: Qt looks for placeholders outside quotes.)
UPDATE rooms SET last_id = last_id - 1, message_count = message_count - :count WHERE room = :room AND last_id = :id
