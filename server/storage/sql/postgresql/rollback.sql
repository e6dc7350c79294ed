-- SPDX-License-Identifier: MIT
ROLLBACK
