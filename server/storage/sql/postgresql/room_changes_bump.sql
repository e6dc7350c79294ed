-- SPDX-License-Identifier: MIT
-- First in every write of room policies: on PostgreSQL its row lock serialises them across daemons.
UPDATE room_policy_changes SET seq = seq + 1 WHERE only_row = 1
