-- SPDX-License-Identifier: MIT
-- The rooms an account has a role in (its private rooms and direct messages), and the cascade of an account's removal.
CREATE INDEX room_roles_account ON room_roles (account)
