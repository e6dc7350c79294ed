-- SPDX-License-Identifier: MIT
-- Matches newest first: FTS5 walks its rowids downwards from the bound and stops at the limit.
SELECT m.id, m.time, m.user, m.text, m.client_id, m.verified, m.kind, m.target, m.author, m.edited, m.deleted,
       m.reply_user, m.reply_excerpt, m.emoji, m.added, m.moderator, m.room, s.rowid
FROM message_search AS s JOIN messages AS m ON m.room = s.room AND m.id = s.id
WHERE message_search MATCH :match AND s.rowid < :before
ORDER BY s.rowid DESC LIMIT :limit
