-- SPDX-License-Identifier: MIT
UPDATE rooms SET epoch = lower(hex(randomblob(16)))
