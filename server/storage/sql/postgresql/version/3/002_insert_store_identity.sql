-- SPDX-License-Identifier: MIT
-- 128 random bits (gen_random_uuid() is built in since PostgreSQL 13).
INSERT INTO store_identity (only_row, identity) VALUES (1, replace(gen_random_uuid()::text, '-', ''))
