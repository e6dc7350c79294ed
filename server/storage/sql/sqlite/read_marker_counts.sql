-- SPDX-License-Identifier: MIT
-- After a marker: the unread messages (messages, not events; not deleted; not written by the account) and those of
-- them that mention the account, each counted up to a limit. Both are range reads after the marker, on the
-- primary key and on messages_mentions, that stop at the limit.
SELECT (SELECT count(*) FROM (SELECT 1 FROM messages
                              WHERE room = :room AND id > :read_id AND kind = 0 AND deleted = 0
                                  AND author IS NOT :author
                              LIMIT :limit)),
       (SELECT count(*) FROM (SELECT 1 FROM messages INDEXED BY messages_mentions
                              WHERE room = :mention_room AND id > :mention_read_id AND mentions IS NOT NULL
                                  AND instr(mentions, :name) > 0 AND kind = 0 AND deleted = 0
                                  AND author IS NOT :mention_author
                              LIMIT :mention_limit))
