-- SPDX-License-Identifier: MIT
INSERT INTO messages (room, id, time, "user", text, client_id, verified) VALUES (:room, :id, :time, :user, :text, :client_id, :verified)
