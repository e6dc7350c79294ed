-- SPDX-License-Identifier: MIT
-- Full-text search (docs/architecture.md, "Search"): one row per message that is not deleted. position orders
-- results newest first across rooms; tokens is the normalised text as the server splits it (SearchText), written
-- as a tsvector literal (no text search parser in between), plus one lexeme naming the room, so a room filter is
-- one more term. Retention deleting a message deletes its row.
CREATE TABLE message_search (
    position BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    room TEXT NOT NULL,
    id BIGINT NOT NULL,
    tokens TSVECTOR NOT NULL,
    UNIQUE (room, id),
    FOREIGN KEY (room, id) REFERENCES messages (room, id) ON DELETE CASCADE
)
