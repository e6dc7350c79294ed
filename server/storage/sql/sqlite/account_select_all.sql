-- SPDX-License-Identifier: MIT
SELECT name FROM accounts ORDER BY name
