-- SPDX-License-Identifier: MIT
-- Replaces the one row of kaiwa_schema.
WITH gone AS (DELETE FROM kaiwa_schema) INSERT INTO kaiwa_schema (version) VALUES (:version)
