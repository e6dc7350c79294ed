-- SPDX-License-Identifier: MIT
SELECT read_id FROM read_markers WHERE account = :account AND room = :room
