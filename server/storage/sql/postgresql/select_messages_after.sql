-- SPDX-License-Identifier: MIT
SELECT id, time, "user", text, client_id, verified FROM messages WHERE room = :room AND id > :id ORDER BY id LIMIT :limit
