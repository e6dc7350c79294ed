-- SPDX-License-Identifier: MIT
-- Events after an id in id order; up to messages_up_to only messages.
SELECT id, time, "user", text, client_id, verified, kind, target, author, edited, deleted, reply_user, reply_excerpt, emoji, added, moderator FROM messages WHERE room = :room AND id > :id AND (kind = 0 OR id > :messages_up_to) ORDER BY id LIMIT :limit
