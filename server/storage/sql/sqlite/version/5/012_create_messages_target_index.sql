-- SPDX-License-Identifier: MIT
-- A delete empties its target's edits and the quotes of its replies without a scan.
CREATE INDEX messages_target ON messages (room, target) WHERE target IS NOT NULL
