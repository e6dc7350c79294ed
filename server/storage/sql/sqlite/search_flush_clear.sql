-- SPDX-License-Identifier: MIT
DELETE FROM message_search_pending
