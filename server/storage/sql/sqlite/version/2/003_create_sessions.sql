-- SPDX-License-Identifier: MIT
-- Signed-in sessions. token_hash: SHA-256 of the 256-bit random token, hex; the token itself is
-- only ever in the client's cookie or settings. Removing an account removes its sessions.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    account TEXT NOT NULL REFERENCES accounts (name) ON DELETE CASCADE,
    created INTEGER NOT NULL,
    expires INTEGER NOT NULL
) WITHOUT ROWID
