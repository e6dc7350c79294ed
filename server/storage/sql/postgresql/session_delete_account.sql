-- SPDX-License-Identifier: MIT
-- Changing a password signs the account out everywhere.
DELETE FROM sessions WHERE account = :account
