-- SPDX-License-Identifier: MIT
-- Who did it: account:<name> for a signed-in sender, member:<member id> for an anonymous one.
-- Only that key may edit or delete a message.
ALTER TABLE messages ADD COLUMN author TEXT
