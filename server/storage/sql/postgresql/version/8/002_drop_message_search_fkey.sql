-- SPDX-License-Identifier: MIT
-- The index row of a message goes with it: kaiwa_messages_deleted (003) deletes them once per statement instead of a
-- foreign key checked on every insert and cascaded on every deleted row (docs/performance.md, "PostgreSQL, set at a time").
ALTER TABLE message_search DROP CONSTRAINT IF EXISTS message_search_room_id_fkey
