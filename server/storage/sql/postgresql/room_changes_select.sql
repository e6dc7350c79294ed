-- SPDX-License-Identifier: MIT
SELECT seq FROM room_policy_changes WHERE only_row = 1
