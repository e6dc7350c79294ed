-- SPDX-License-Identifier: MIT
INSERT INTO room_policy_changes (only_row, seq) VALUES (1, 0)
