-- SPDX-License-Identifier: MIT
-- The highest position in the index (read newest first from its content, one row); the tail goes above it.
SELECT rowid FROM message_search ORDER BY rowid DESC LIMIT 1
