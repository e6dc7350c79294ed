-- SPDX-License-Identifier: MIT
-- A reaction event: the emoji.
ALTER TABLE messages ADD COLUMN emoji TEXT
