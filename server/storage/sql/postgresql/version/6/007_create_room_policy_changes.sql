-- SPDX-License-Identifier: MIT
-- One row: the counter every write of the tables above bumps, first thing in its transaction. Its row lock serialises
-- those writes across daemons (the last-owner checks rely on it); daemons poll it to reload what they cached.
CREATE TABLE room_policy_changes (
    only_row INTEGER NOT NULL PRIMARY KEY CHECK (only_row = 1),
    seq BIGINT NOT NULL
)
