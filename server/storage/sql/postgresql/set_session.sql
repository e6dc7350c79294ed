-- SPDX-License-Identifier: MIT
-- Once per connection: keep libpq from printing NOTICEs (e.g. "already exists, skipping") to stderr.
SET client_min_messages TO warning
