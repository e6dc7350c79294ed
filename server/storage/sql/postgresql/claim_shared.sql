-- SPDX-License-Identifier: MIT
-- Daemons sharing rooms through Redis (PostgresMessageStore::claim()); held by the session, released with it.
SELECT pg_try_advisory_lock_shared(4242062)
