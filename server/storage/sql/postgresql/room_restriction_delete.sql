-- SPDX-License-Identifier: MIT
-- Lifts a restriction, also an expired one (which the caller does not count as lifted).
DELETE FROM room_restrictions WHERE room = :room AND kind = :kind AND subject_kind = :subject_kind AND subject = :subject
RETURNING expires
