-- SPDX-License-Identifier: MIT
-- An event (message, edit, delete or reaction) under the id bump_room reserved.
INSERT INTO messages (room, id, time, "user", text, client_id, verified, kind, target, author, reply_user, reply_excerpt,
                      emoji, added, moderator, mentions)
VALUES (:room, :id, :time, :user, :text, :client_id, :verified, :kind, :target, :author, :reply_user, :reply_excerpt,
        :emoji, :added, :moderator, :mentions)
