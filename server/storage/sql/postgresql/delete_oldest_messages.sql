-- SPDX-License-Identifier: MIT
-- The oldest messages of one room (up to the one at offset), the events before the last of them, and the
-- edits, deletes and reactions of those messages that came later (by the target index). Replies stay.
DELETE FROM messages WHERE room = :room
    AND (id <= (SELECT id FROM messages WHERE room = :subroom AND kind = 0 ORDER BY id LIMIT 1 OFFSET :offset)
         OR (kind <> 0 AND target IS NOT NULL
             AND target <= (SELECT id FROM messages WHERE room = :target_room AND kind = 0 ORDER BY id LIMIT 1
                            OFFSET :target_offset)))
