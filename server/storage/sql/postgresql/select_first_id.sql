-- SPDX-License-Identifier: MIT
SELECT id FROM messages WHERE room = :room ORDER BY id LIMIT 1
