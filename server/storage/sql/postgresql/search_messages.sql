-- SPDX-License-Identifier: MIT
-- Matches newest first, from the GIN index, below the bound.
SELECT m.id, m.time, m."user", m.text, m.client_id, m.verified, m.kind, m.target, m.author, m.edited, m.deleted,
       m.reply_user, m.reply_excerpt, m.emoji, m.added, m.moderator, m.room, s.position
FROM message_search AS s JOIN messages AS m ON m.room = s.room AND m.id = s.id
WHERE s.tokens @@ CAST(:match AS tsquery) AND s.position < :before
ORDER BY s.position DESC LIMIT :limit
