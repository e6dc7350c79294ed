-- SPDX-License-Identifier: MIT
DELETE FROM sessions WHERE expires <= :now
