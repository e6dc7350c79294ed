-- SPDX-License-Identifier: MIT
CREATE INDEX message_search_tokens ON message_search USING GIN (tokens)
