-- SPDX-License-Identifier: MIT
-- The upgrade indexed every message there is.
UPDATE rooms SET search_indexed = last_id
