-- SPDX-License-Identifier: MIT
-- A message: the names its text mentions, for the mention counts of read markers, each folded (NFKC and case
-- folding, as Mentions::fold) and between line feeds; NULL when it mentions nobody, for events, and once deleted.
-- Messages stored before version 6 keep NULL: every marker is made at or after the upgrade, beyond their ids.
ALTER TABLE messages ADD COLUMN mentions TEXT
