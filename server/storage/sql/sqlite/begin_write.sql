-- SPDX-License-Identifier: MIT
-- Takes the write lock up front: a deferred BEGIN that later upgrades can fail with SQLITE_BUSY
-- right away (without honouring busy_timeout) when another connection wrote in between.
BEGIN IMMEDIATE
