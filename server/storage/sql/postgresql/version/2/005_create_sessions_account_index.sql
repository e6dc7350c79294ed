-- SPDX-License-Identifier: MIT
CREATE INDEX sessions_account ON sessions (account)
