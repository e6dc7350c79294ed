-- SPDX-License-Identifier: MIT
SELECT account FROM sessions WHERE token_hash = :token_hash AND expires > :now
