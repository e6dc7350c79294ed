-- SPDX-License-Identifier: MIT
-- A batch of chat messages without reply_to in one statement (version/8/004_replace_append_messages.sql).
SELECT out_ord, out_id, out_duplicate FROM kaiwa_append_messages(CAST(:batch AS jsonb))
