// SPDX-License-Identifier: MIT
#pragma once

#include <QTest>

namespace KaiwaTest {

/// True in CI (CI=true): a test fixture that cannot start (redis-server, PostgreSQL) fails the test there.
inline bool fixturesAreMandatory()
{
    return qEnvironmentVariable("CI") == QLatin1String("true");
}

} // namespace KaiwaTest

/// Skips the test when the fixture could not start, except in CI, where that is a failure.
#define KAIWA_REQUIRE_FIXTURE(started, what)                                                                           \
    do {                                                                                                               \
        if (!(started)) {                                                                                              \
            if (KaiwaTest::fixturesAreMandatory())                                                                     \
                QFAIL(qPrintable(QStringLiteral("%1 could not be started (CI=true: failing)").arg(what)));             \
            QSKIP(qPrintable(QStringLiteral("%1 could not be started").arg(what)));                                    \
        }                                                                                                              \
    } while (false)
