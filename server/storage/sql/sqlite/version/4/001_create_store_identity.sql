-- SPDX-License-Identifier: MIT
-- One row: a random identity, written when the database is created (or upgraded to version 4).
-- Daemons that share rooms through Redis register it there and refuse to run beside a daemon on
-- another database, whose ids would collide with these (docs/scale-out.md).
CREATE TABLE store_identity (
    only_row INTEGER NOT NULL PRIMARY KEY CHECK (only_row = 1),
    identity TEXT NOT NULL
)
