-- SPDX-License-Identifier: MIT
-- The audit log: the columns of sql/sqlite/version/7/005_create_room_audit.sql, which says what each holds.
CREATE TABLE room_audit (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    time BIGINT NOT NULL,
    room TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    expires BIGINT
)
