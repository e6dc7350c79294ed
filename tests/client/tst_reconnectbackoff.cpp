// SPDX-License-Identifier: MIT
#include "client/reconnectbackoff.h"

#include <QTest>

using namespace Kaiwa::Client;
using namespace std::chrono_literals;

class TestReconnectBackoff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void growsAndCaps()
    {
        ReconnectBackoff backoff({500ms, 20000ms, 0.0});
        QList<qint64> delays;
        for (int i = 0; i < 9; ++i)
            delays.append(backoff.next().count());
        QCOMPARE(delays, (QList<qint64>{500, 1000, 2000, 4000, 8000, 16000, 20000, 20000, 20000}));
        QCOMPARE(backoff.attempts(), 9);
        backoff.reset();
        QCOMPARE(backoff.next().count(), 500);
    }

    void jitterStaysInItsBand()
    {
        QRandomGenerator random(42);
        ReconnectBackoff backoff({500ms, 20000ms, 0.2}, &random);
        bool differs = false;
        qint64 previous = -1;
        for (int round = 0; round < 50; ++round) {
            backoff.reset();
            const qint64 first = backoff.next().count();
            QVERIFY2(first >= 400 && first <= 600, QByteArray::number(first));
            differs = differs || (previous >= 0 && first != previous);
            previous = first;
            for (int i = 0; i < 20; ++i) {
                const qint64 delay = backoff.next().count();
                QVERIFY(delay >= 250 && delay <= 20000);
            }
        }
        QVERIFY(differs); // Clients that lost the same server do not come back in lockstep.
    }

    void manyFailuresDoNotOverflow()
    {
        ReconnectBackoff backoff({500ms, 20000ms, 0.0});
        for (int i = 0; i < 10000; ++i)
            QVERIFY(backoff.next().count() <= 20000);
    }
};

QTEST_GUILESS_MAIN(TestReconnectBackoff)
#include "tst_reconnectbackoff.moc"
