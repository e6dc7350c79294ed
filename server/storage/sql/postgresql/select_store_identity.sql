-- SPDX-License-Identifier: MIT
-- The random identity, plus what a copy of the database does not share with it: the database's
-- oid and the cluster's system identifier (a streaming replica keeps both, so a failover keeps
-- the identity; CREATE DATABASE ... TEMPLATE, pg_dump/restore into another database do not).
SELECT s.identity || '@' || d.oid::text || '.' || c.system_identifier::text
FROM store_identity AS s
CROSS JOIN pg_database AS d
CROSS JOIN pg_control_system() AS c
WHERE d.datname = current_database()
