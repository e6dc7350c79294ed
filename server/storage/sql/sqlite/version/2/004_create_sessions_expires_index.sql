-- SPDX-License-Identifier: MIT
CREATE INDEX sessions_expires ON sessions (expires)
