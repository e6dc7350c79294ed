-- SPDX-License-Identifier: MIT
-- The reactions of a page of messages in the order their summaries keep (first reaction first), without a sort.
CREATE INDEX reactions_time ON reactions (room, message_id, time)
