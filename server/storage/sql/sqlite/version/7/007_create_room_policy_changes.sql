-- SPDX-License-Identifier: MIT
-- One row: a counter every write of the tables above bumps in its transaction. Daemons poll it (once a second) and
-- reload what they cached when it moved, so a change by another daemon or by the operator's CLI takes effect soon.
CREATE TABLE room_policy_changes (
    only_row INTEGER NOT NULL PRIMARY KEY CHECK (only_row = 1),
    seq INTEGER NOT NULL
)
