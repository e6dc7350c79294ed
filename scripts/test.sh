#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs every test: installs what is missing (Debian/Ubuntu), configures, builds, runs ctest.
#   scripts/test.sh            the whole suite (unit, integration, hostile clients, faults, Daphne compatibility,
#                              browser, desktop, bench smoke), then the sanitizer stage
#   scripts/test.sh -R NAME    only the tests whose name matches (passed on to ctest, in both stages)
#   KAIWA_SANITIZERS=0 scripts/test.sh    skip the sanitizer stage
#
# Sanitizer stage: one clang build (the `fuzz` preset: AddressSanitizer + UndefinedBehaviorSanitizer, plus
# libFuzzer instrumentation) of the daemon, common/ and every test but the desktop client's, in build-fuzz/.
# ctest runs the server-side suite there (a sanitizer report, or a leak in the daemon at exit, fails it) and
# each fuzz target for KAIWA_FUZZ_SECONDS (20) on its seed corpus in tests/fuzz/corpus/. The browser and
# package tests run in the main stage only: their time goes to Chromium and dpkg, and the daemon paths they
# drive are the ones the integration, hostile-client and fuzz tests drive here.
#
# Both stages run even when the first has failures (a build error stops at once); the exit status
# is 1 if either stage failed. Everything the tests need is in the checkout or installed by
# scripts/install-deps.sh: a fresh clone in any folder is enough.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --test
cmake --preset default
cmake --build --preset default --parallel "$(nproc)"
failed=()
ctest --preset default --parallel "$(nproc)" "$@" || failed+=("main")

if [[ "${KAIWA_SANITIZERS:-1}" != 0 ]]; then
    if ! command -v clang++-14 >/dev/null || ! ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
        echo "scripts/test.sh: the sanitizer stage needs clang-14 and libclang-rt-14-dev (apt-get install clang-14 libclang-rt-14-dev)" >&2
        exit 1
    fi
    export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:${ASAN_OPTIONS:-}"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
    cmake --preset fuzz
    cmake --build build-fuzz --parallel "$(nproc)"
    ctest --test-dir build-fuzz --output-on-failure --parallel "$(nproc)" --timeout 600 \
        --label-exclude "^(browser|package)$" "$@" || failed+=("sanitizer")
fi

if ((${#failed[@]} > 0)); then
    echo "scripts/test.sh: failures in the ${failed[*]} stage(s); see the ctest output above" >&2
    exit 1
fi
