-- SPDX-License-Identifier: MIT
-- A reply: the author of the message it answers, as the quote shows it.
ALTER TABLE messages ADD COLUMN reply_user TEXT
