// SPDX-License-Identifier: MIT
#pragma once

// Property checks inside fuzz targets: a violated property is a crash libFuzzer records,
// with the input saved as crash-<hash>, in the fuzzing build and in the corpus replay alike.

#include <cstdio>
#include <cstdlib>

#define KAIWA_FUZZ_CHECK(condition)                                                                                    \
    do {                                                                                                               \
        if (!(condition)) {                                                                                            \
            std::fprintf(stderr, "%s:%d: property violated: %s\n", __FILE__, __LINE__, #condition);                    \
            std::abort();                                                                                              \
        }                                                                                                              \
    } while (false)
