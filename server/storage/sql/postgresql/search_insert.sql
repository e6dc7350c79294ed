-- SPDX-License-Identifier: MIT
INSERT INTO message_search (room, id, tokens) VALUES (:room, :id, CAST(:body AS tsvector))
