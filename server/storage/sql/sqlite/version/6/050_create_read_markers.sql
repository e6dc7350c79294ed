-- SPDX-License-Identifier: MIT
-- Read markers (docs/protocol.md, "Read markers"): per account and room, the highest id the account has read
-- (read_id, which only moves forward) and when it last moved (updated: ms since the Unix epoch, UTC). The row is
-- made at the first join of the account to the room, so the rooms an account joined are those it has a row for.
-- Removing an account removes its markers.
CREATE TABLE read_markers (
    account TEXT NOT NULL REFERENCES accounts (name) ON DELETE CASCADE,
    room TEXT NOT NULL,
    read_id INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    PRIMARY KEY (account, room)
) WITHOUT ROWID
