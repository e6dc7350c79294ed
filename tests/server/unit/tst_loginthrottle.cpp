// SPDX-License-Identifier: MIT
// LoginThrottle on a clock the test sets: the burst, the refill, forgiveness on success, which
// addresses share an allowance, and the bound on what it remembers.
#include "server/auth/loginthrottle.h"

#include <QTest>

using Kaiwa::Server::LoginThrottle;
using namespace Qt::StringLiterals;

namespace {
const QHostAddress s_client(u"192.0.2.1"_s);
} // namespace

class TestLoginThrottle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    /// Failures at `failuresAt` (ms), then the wait asked of the next attempt at `askAt`.
    void burstThenOnePerRefill_data()
    {
        QTest::addColumn<int>("burst");
        QTest::addColumn<QList<qint64>>("failuresAt");
        QTest::addColumn<qint64>("askAt");
        QTest::addColumn<qint64>("expectedWait");
        // refill: 1000 ms
        QTest::newRow("no failure") << 3 << QList<qint64>{} << 0LL << 0LL;
        QTest::newRow("one less than the burst") << 3 << QList<qint64>{0, 0} << 0LL << 0LL;
        QTest::newRow("the burst, at once") << 3 << QList<qint64>{0, 0, 0} << 0LL << 1000LL;
        QTest::newRow("the burst, half a refill later") << 3 << QList<qint64>{0, 0, 0} << 500LL << 500LL;
        QTest::newRow("the burst, a refill later") << 3 << QList<qint64>{0, 0, 0} << 1000LL << 0LL;
        QTest::newRow("one more after the refill") << 3 << QList<qint64>{0, 0, 0, 1000} << 1000LL << 1000LL;
        QTest::newRow("two over the burst") << 3 << QList<qint64>{0, 0, 0, 0, 0} << 0LL << 3000LL;
        QTest::newRow("spread out: each earned back") << 3 << QList<qint64>{0, 1000, 2000, 3000, 4000} << 4000LL << 0LL;
        QTest::newRow("burst of one") << 1 << QList<qint64>{0} << 250LL << 750LL;
        QTest::newRow("a burst of 0 is a burst of 1") << 0 << QList<qint64>{0} << 250LL << 750LL;
    }
    void burstThenOnePerRefill()
    {
        QFETCH(int, burst);
        QFETCH(QList<qint64>, failuresAt);
        QFETCH(qint64, askAt);
        QFETCH(qint64, expectedWait);
        LoginThrottle throttle(burst, 1000);
        for (const qint64 at : failuresAt)
            throttle.recordFailure(s_client, at);
        QCOMPARE(throttle.retryAfterMs(s_client, askAt), expectedWait);
    }

    void successForgetsTheAddress()
    {
        LoginThrottle throttle(3, 60000);
        for (int i = 0; i < 3; ++i)
            throttle.recordFailure(s_client, 0);
        QVERIFY(throttle.retryAfterMs(s_client, 0) > 0);
        throttle.recordSuccess(s_client);
        QCOMPARE(throttle.retryAfterMs(s_client, 0), 0);
        // A whole burst again, not the remainder.
        throttle.recordFailure(s_client, 0);
        throttle.recordFailure(s_client, 0);
        QCOMPARE(throttle.retryAfterMs(s_client, 0), 0);
        throttle.recordFailure(s_client, 0);
        QCOMPARE(throttle.retryAfterMs(s_client, 0), 60000);
    }

    void whichAddressesShareAnAllowance_data()
    {
        QTest::addColumn<QString>("failing");
        QTest::addColumn<QString>("other");
        QTest::addColumn<bool>("shared");
        QTest::newRow("the same IPv4 address") << u"192.0.2.1"_s << u"192.0.2.1"_s << true;
        QTest::newRow("IPv4 neighbours") << u"192.0.2.1"_s << u"192.0.2.2"_s << false;
        QTest::newRow("IPv4 and its IPv4-mapped IPv6 form") << u"192.0.2.1"_s << u"::ffff:192.0.2.1"_s << true;
        // One host usually owns a whole /64: stepping through it must not give more guesses.
        QTest::newRow("IPv6, same /64") << u"2001:db8:1:2::1"_s << u"2001:db8:1:2:ffff::9"_s << true;
        QTest::newRow("IPv6, next /64") << u"2001:db8:1:2::1"_s << u"2001:db8:1:3::1"_s << false;
        QTest::newRow("loopbacks of both families") << u"127.0.0.1"_s << u"::1"_s << false;
    }
    void whichAddressesShareAnAllowance()
    {
        QFETCH(QString, failing);
        QFETCH(QString, other);
        QFETCH(bool, shared);
        LoginThrottle throttle(2, 60000);
        throttle.recordFailure(QHostAddress(failing), 0);
        throttle.recordFailure(QHostAddress(failing), 0);
        QVERIFY(throttle.retryAfterMs(QHostAddress(failing), 0) > 0);
        QCOMPARE(throttle.retryAfterMs(QHostAddress(other), 0) > 0, shared);
    }

    /// A reload (SIGHUP) changes the limits of addresses that are being throttled already.
    void newLimitsApplyAtOnce()
    {
        LoginThrottle throttle(3, 60000);
        for (int i = 0; i < 3; ++i)
            throttle.recordFailure(s_client, 0);
        QCOMPARE(throttle.retryAfterMs(s_client, 0), 60000);
        throttle.setLimits(5, 60000);
        QCOMPARE(throttle.retryAfterMs(s_client, 0), 0);
        throttle.setLimits(3, 1000);
        QCOMPARE(throttle.retryAfterMs(s_client, 0), 1000);
        QCOMPARE(throttle.retryAfterMs(s_client, 1000), 0);
    }

    // The clock below moves in fractions of 1024 ms, so that the allowances are exact in binary.

    /// At most maxTracked addresses are remembered: those that earned back their allowance go first...
    void fullTableForgetsWhatWasEarnedBackFirst()
    {
        const QHostAddress older(u"192.0.2.1"_s), earnedBack(u"192.0.2.2"_s), newcomer(u"192.0.2.3"_s);
        LoginThrottle throttle(1, 1024, 2);
        for (int i = 0; i < 3; ++i)
            throttle.recordFailure(older, 0);
        throttle.recordFailure(earnedBack, 512);
        // At 1536 ms `older` still owes 1.5 failures; `earnedBack` owes none, though it failed later.
        throttle.recordFailure(newcomer, 1536);
        QCOMPARE(throttle.retryAfterMs(older, 1536), 1536);
        QCOMPARE(throttle.retryAfterMs(newcomer, 1536), 1024);
    }

    /// ...then the oldest, when every one of them is still being throttled.
    void fullTableForgetsTheOldest()
    {
        const QHostAddress oldest(u"192.0.2.1"_s), middle(u"192.0.2.2"_s), newest(u"192.0.2.3"_s);
        LoginThrottle throttle(1, 1024, 2);
        throttle.recordFailure(oldest, 0);
        throttle.recordFailure(middle, 16);
        QVERIFY(throttle.retryAfterMs(oldest, 32) > 0);
        throttle.recordFailure(newest, 32);
        QCOMPARE(throttle.retryAfterMs(oldest, 32), 0);
        QCOMPARE(throttle.retryAfterMs(middle, 32), 1008);
        QCOMPARE(throttle.retryAfterMs(newest, 32), 1024);
        // Failing again from a remembered address takes no room.
        throttle.recordFailure(newest, 48);
        QCOMPARE(throttle.retryAfterMs(middle, 48), 992);
    }
};

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "tst_loginthrottle.moc"
