-- SPDX-License-Identifier: MIT
-- Newest first; the caller reverses the page.
SELECT id, time, "user", text, client_id, verified FROM messages WHERE room = :room ORDER BY id DESC LIMIT :limit
