-- SPDX-License-Identifier: MIT
-- 1 when the sender was signed in to an account and "user" is that account's name.
ALTER TABLE messages ADD COLUMN verified INTEGER NOT NULL DEFAULT 0
