-- SPDX-License-Identifier: MIT
CREATE TABLE IF NOT EXISTS kaiwa_schema (version INTEGER NOT NULL)
