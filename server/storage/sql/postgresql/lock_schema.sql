-- SPDX-License-Identifier: MIT
-- Serialises schema upgrades of daemons starting together; released at COMMIT/ROLLBACK.
SELECT pg_advisory_xact_lock(4242061)
