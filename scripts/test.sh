#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs every test: installs what is missing (Debian/Ubuntu), configures, builds, runs ctest.
#   scripts/test.sh            the whole suite (unit, integration, Daphne compatibility, browser, desktop, bench smoke)
#   scripts/test.sh -R NAME    only the tests whose name matches (passed on to ctest)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --test
cmake --preset default
cmake --build --preset default --parallel "$(nproc)"
ctest --preset default --parallel "$(nproc)" "$@"
