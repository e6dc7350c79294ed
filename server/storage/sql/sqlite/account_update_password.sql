-- SPDX-License-Identifier: MIT
UPDATE accounts SET password_hash = :hash, updated = :now WHERE name = :name
