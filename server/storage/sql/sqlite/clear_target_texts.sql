-- SPDX-License-Identifier: MIT
-- A delete: the edits of the message lose their text, and the replies to it their quote of it (its delete and
-- reaction events stay as they are; a kind filter here would cost the target index).
UPDATE messages SET
    text = CASE WHEN kind = 1 THEN '' ELSE text END,
    deleted = CASE WHEN kind = 1 THEN 1 ELSE deleted END,
    reply_excerpt = CASE WHEN kind = 0 THEN NULL ELSE reply_excerpt END
WHERE room = :room AND target = :target
