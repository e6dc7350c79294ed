-- SPDX-License-Identifier: MIT
-- Messages of signed-in senders stay theirs after the upgrade; anonymous ones belonged to connections
-- that are gone, so nobody may edit those.
UPDATE messages SET author = 'account:' || user WHERE verified = 1
