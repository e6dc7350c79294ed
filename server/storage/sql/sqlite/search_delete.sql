-- SPDX-License-Identifier: MIT
-- The index row of a message, found by the token naming it (a match expression).
DELETE FROM message_search WHERE rowid IN (SELECT rowid FROM message_search WHERE message_search MATCH :key)
