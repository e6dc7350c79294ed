-- SPDX-License-Identifier: MIT
SELECT epoch FROM rooms WHERE room = :room
