-- SPDX-License-Identifier: MIT
-- A mention count reads only the messages that mention someone after the marker: a range of this small index.
CREATE INDEX messages_mentions ON messages (room, id) WHERE mentions IS NOT NULL
