-- SPDX-License-Identifier: MIT
INSERT INTO reactions (room, message_id, emoji, reactor, reactor_name, time)
VALUES (:room, :id, :emoji, :reactor, :reactor_name, :time)
