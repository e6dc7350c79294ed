-- SPDX-License-Identifier: MIT
-- A random id of the room's stored history (docs/protocol.md, "Recovery epoch"); volatile, so every
-- existing room gets its own.
ALTER TABLE rooms ADD COLUMN epoch TEXT NOT NULL DEFAULT replace(gen_random_uuid()::text, '-', '')
