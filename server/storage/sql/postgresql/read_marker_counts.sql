-- SPDX-License-Identifier: MIT
-- After a marker: the unread messages (messages, not events; not deleted; not written by the account) and those of
-- them that mention the account, each counted up to a limit. Both are range reads after the marker, on the
-- primary key and on messages_mentions, that stop at the limit.
SELECT (SELECT count(*) FROM (SELECT 1 FROM messages
                              WHERE room = :room AND id > :read_id AND kind = 0 AND NOT deleted
                                  AND author IS DISTINCT FROM :author
                              LIMIT :limit) AS unread),
       (SELECT count(*) FROM (SELECT 1 FROM messages
                              WHERE room = :mention_room AND id > :mention_read_id AND mentions IS NOT NULL
                                  AND strpos(mentions, :name) > 0 AND kind = 0 AND NOT deleted
                                  AND author IS DISTINCT FROM :mention_author
                              LIMIT :mention_limit) AS mentioning)
