-- SPDX-License-Identifier: MIT
-- Idempotency: a client_id is unique within its room; messages without one are not indexed.
CREATE UNIQUE INDEX messages_room_client_id ON messages (room, client_id) WHERE client_id IS NOT NULL
