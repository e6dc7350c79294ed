-- SPDX-License-Identifier: MIT
INSERT INTO messages (room, id, time, "user", text, client_id) VALUES (:room, :id, :time, :user, :text, :client_id)
