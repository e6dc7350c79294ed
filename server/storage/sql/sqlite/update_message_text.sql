-- SPDX-License-Identifier: MIT
-- An edit: the message now reads the new text.
UPDATE messages SET text = :text, edited = :edited, mentions = :mentions WHERE room = :room AND id = :id
