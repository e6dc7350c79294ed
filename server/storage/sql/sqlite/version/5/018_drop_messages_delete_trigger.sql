-- SPDX-License-Identifier: MIT
DROP TRIGGER messages_after_delete
