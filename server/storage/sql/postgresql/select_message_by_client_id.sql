-- SPDX-License-Identifier: MIT
SELECT id, time, "user", text, client_id, verified, kind, target, author, edited, deleted, reply_user, reply_excerpt, emoji, added, moderator FROM messages WHERE room = :room AND client_id = :client_id
