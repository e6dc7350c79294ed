-- SPDX-License-Identifier: MIT
SELECT coalesce(max(version), 0) FROM kaiwa_schema
