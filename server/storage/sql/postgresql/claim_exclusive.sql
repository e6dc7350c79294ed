-- SPDX-License-Identifier: MIT
-- A daemon without Redis, alone on the database (PostgresMessageStore::claim()); held by the session, released with it.
SELECT pg_try_advisory_lock(4242062)
