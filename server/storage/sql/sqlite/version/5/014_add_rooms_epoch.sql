-- SPDX-License-Identifier: MIT
-- A random id of the room's stored history (docs/protocol.md, "Recovery epoch").
ALTER TABLE rooms ADD COLUMN epoch TEXT
