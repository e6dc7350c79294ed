-- SPDX-License-Identifier: MIT
UPDATE messages SET text = :text, edited = :edited, mentions = :mentions WHERE room = :room AND id = :id
