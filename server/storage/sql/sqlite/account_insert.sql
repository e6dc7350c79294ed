-- SPDX-License-Identifier: MIT
INSERT INTO accounts (name, password_hash, created, updated) VALUES (:name, :hash, :now, :now2)
