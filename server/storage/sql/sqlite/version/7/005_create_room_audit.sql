-- SPDX-License-Identifier: MIT
-- The audit log: what owners, moderators and the operator did in a room (GET /api/rooms/<room>/audit). id increases
-- over the whole table (AUTOINCREMENT: never reused); time and expires in ms since the Unix epoch (UTC), expires NULL
-- for none. Rows are only appended.
CREATE TABLE room_audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time INTEGER NOT NULL,
    room TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    expires INTEGER
)
