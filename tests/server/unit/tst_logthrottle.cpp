// SPDX-License-Identifier: MIT
#include "server/transport/logthrottle.h"

#include <QTest>

using Kaiwa::Server::LogThrottle;

class TestLogThrottle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneLinePerIntervalWithTheCount()
    {
        LogThrottle throttle(10000);
        quint64 suppressed = 99;
        QVERIFY(throttle.admit(1000, &suppressed)); // the first event is logged at once
        QCOMPARE(suppressed, 0u);
        for (int i = 0; i < 5; ++i)
            QVERIFY(!throttle.admit(2000 + i, &suppressed));
        QCOMPARE(throttle.takeSuppressed(5000), 0u); // the interval has not passed: no summary yet
        QVERIFY(throttle.admit(11000, &suppressed)); // the next line carries the count
        QCOMPARE(suppressed, 5u);
        QVERIFY(!throttle.admit(12000, &suppressed));
        QVERIFY(!throttle.admit(13000, &suppressed));
        QCOMPARE(throttle.takeSuppressed(21000), 2u); // or a summary once the interval has passed
        QCOMPARE(throttle.takeSuppressed(40000), 0u);
        QVERIFY(!throttle.admit(21500, &suppressed));
        QCOMPARE(throttle.takeSuppressed(21600, true), 1u); // at shutdown, whatever the interval
        QCOMPARE(LogThrottle::note(0), QString());
        QCOMPARE(LogThrottle::note(3), QStringLiteral("(and 3 more since the last report)"));
    }
};

QTEST_GUILESS_MAIN(TestLogThrottle)
#include "tst_logthrottle.moc"
