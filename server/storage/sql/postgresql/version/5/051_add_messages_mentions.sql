-- SPDX-License-Identifier: MIT
-- A message: the names its text mentions, folded, between line feeds (sql/sqlite/version/6/051_add_messages_mentions.sql).
ALTER TABLE messages ADD COLUMN mentions TEXT
