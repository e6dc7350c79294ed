-- SPDX-License-Identifier: MIT
-- The rooms an account joined (a range of the primary key).
SELECT room, read_id FROM read_markers WHERE account = :account ORDER BY room
