-- SPDX-License-Identifier: MIT
SELECT name, password_hash FROM accounts WHERE name = :name
