-- SPDX-License-Identifier: MIT
-- The messages of a room up to an id are in the index.
UPDATE rooms SET search_indexed = :id WHERE room = :room
