-- SPDX-License-Identifier: MIT
-- The reactions of a page of messages, each message first reaction first (summaries keep that order).
SELECT message_id, emoji, reactor_name FROM reactions WHERE room = :room AND message_id >= :first AND message_id <= :last
ORDER BY message_id, time, emoji, reactor
