-- SPDX-License-Identifier: MIT
SELECT count(*) FROM accounts WHERE name = :name
