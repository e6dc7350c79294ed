-- SPDX-License-Identifier: MIT
-- An edit: the row keeps its position (the message keeps its place among the results).
UPDATE message_search SET tokens = CAST(:body AS tsvector) WHERE room = :room AND id = :id
