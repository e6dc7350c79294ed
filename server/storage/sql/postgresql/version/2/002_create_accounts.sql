-- SPDX-License-Identifier: MIT
-- Optional accounts (kaiwa-server user add NAME). password_hash: "pbkdf2-sha256$ITERATIONS$SALT$HASH"
-- (base64); never the password. Times: ms since the Unix epoch (UTC).
CREATE TABLE accounts (
    name TEXT PRIMARY KEY NOT NULL,
    password_hash TEXT NOT NULL,
    created BIGINT NOT NULL,
    updated BIGINT NOT NULL
)
