-- SPDX-License-Identifier: MIT
INSERT INTO sessions (token_hash, account, created, expires) VALUES (:token_hash, :account, :now, :expires)
