-- SPDX-License-Identifier: MIT
DELETE FROM accounts WHERE name = :name
