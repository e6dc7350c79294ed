-- SPDX-License-Identifier: MIT
-- Messages of signed-in senders stay theirs; anonymous ones belonged to connections that are gone.
UPDATE messages SET author = 'account:' || "user" WHERE verified
