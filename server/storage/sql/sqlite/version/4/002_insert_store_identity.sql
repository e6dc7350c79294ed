-- SPDX-License-Identifier: MIT
-- 128 random bits from SQLite's own generator.
INSERT INTO store_identity (only_row, identity) VALUES (1, lower(hex(randomblob(16))))
