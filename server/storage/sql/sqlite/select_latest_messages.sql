-- SPDX-License-Identifier: MIT
-- Messages only (kind 0), in their current state; newest first, the caller reverses the page.
SELECT id, time, user, text, client_id, verified, kind, target, author, edited, deleted, reply_user, reply_excerpt, emoji, added, moderator FROM messages WHERE room = :room AND kind = 0 ORDER BY id DESC LIMIT :limit
