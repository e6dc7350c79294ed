-- SPDX-License-Identifier: MIT
-- true when the sender was signed in to an account and "user" is that account's name.
ALTER TABLE messages ADD COLUMN verified BOOLEAN NOT NULL DEFAULT false
