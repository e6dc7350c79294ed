-- SPDX-License-Identifier: MIT
-- The rooms with messages not yet in the index: their last id and the id up to which they are indexed.
SELECT room, last_id, search_indexed FROM rooms WHERE last_id > search_indexed
