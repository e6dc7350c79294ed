-- SPDX-License-Identifier: MIT
-- Bans and mutes: kind 'ban' or 'mute' of a subject_kind 'account' (subject: its name) or 'address' (subject: an IPv4
-- address or an IPv6 /64, as Subnets writes the prefix) in a room, until expires (ms since the Unix epoch, UTC; NULL:
-- until lifted), imposed at time by actor (an account, or "(operator)"). Expired rows stay until replaced or lifted;
-- readers compare expires with their clock. Not tied to accounts: a ban outlives the account's removal.
CREATE TABLE room_restrictions (
    room TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('ban', 'mute')),
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('account', 'address')),
    subject TEXT NOT NULL,
    expires INTEGER,
    reason TEXT NOT NULL DEFAULT '',
    actor TEXT NOT NULL,
    time INTEGER NOT NULL,
    PRIMARY KEY (room, kind, subject_kind, subject)
) WITHOUT ROWID
