-- SPDX-License-Identifier: MIT
-- The random identity and the file SQLite opened (empty for an in-memory database).
SELECT s.identity, d.file FROM store_identity AS s, pragma_database_list AS d WHERE d.name = 'main'
