-- SPDX-License-Identifier: MIT
INSERT INTO room_roles (room, account, role) VALUES (:room, :account, :role)
ON CONFLICT (room, account) DO UPDATE SET role = excluded.role
