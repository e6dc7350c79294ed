-- SPDX-License-Identifier: MIT
-- Count-based retention finds the rooms over the limit without a scan.
CREATE INDEX rooms_message_count ON rooms (message_count)
