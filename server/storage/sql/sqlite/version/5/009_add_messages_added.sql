-- SPDX-License-Identifier: MIT
-- A reaction event: 1 when given, 0 when taken back.
ALTER TABLE messages ADD COLUMN added INTEGER
