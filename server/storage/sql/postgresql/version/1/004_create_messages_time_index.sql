-- SPDX-License-Identifier: MIT
-- Age-based retention finds the oldest messages of all rooms without a scan.
CREATE INDEX messages_time ON messages (time)
