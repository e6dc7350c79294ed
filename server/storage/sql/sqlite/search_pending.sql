-- SPDX-License-Identifier: MIT
-- The pending rows below a position, newest first; the server matches their tokens itself (a few hundred at most).
SELECT position, room, id, body FROM message_search_pending WHERE position < :before ORDER BY position DESC
