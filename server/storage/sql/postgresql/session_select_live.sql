-- SPDX-License-Identifier: MIT
-- Which of the sessions of open connections still stand (not ended, not expired): one query for a
-- batch of token hashes, given as a JSON array of strings.
SELECT token_hash FROM sessions
WHERE token_hash IN (SELECT json_array_elements_text(CAST(:token_hashes AS json))) AND expires > :now
