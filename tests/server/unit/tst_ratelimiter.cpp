// SPDX-License-Identifier: MIT
#include "server/consumers/ratelimiter.h"

#include <QTest>

using Kaiwa::Server::RateLimiter;

class TestRateLimiter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void burst_data();
    void burst();
    void refill();
    void refillIsCappedAtBurst();
    void fractionalRate();
    void zeroRateDisables();
    void burstBelowOneAllowsOne();
    void consecutiveRejections();
    void steadyRateNeverRejected();
};

void TestRateLimiter::burst_data()
{
    QTest::addColumn<double>("burst");
    QTest::newRow("1") << 1.0;
    QTest::newRow("5") << 5.0;
    QTest::newRow("20") << 20.0;
}

void TestRateLimiter::burst()
{
    QFETCH(double, burst);
    const qint64 start = 1'000'000;
    RateLimiter limiter(1.0, burst, start);
    for (int i = 0; i < int(burst); ++i)
        QVERIFY(limiter.tryAcquire(start));
    QVERIFY(!limiter.tryAcquire(start));
    QCOMPARE(limiter.consecutiveRejections(), 1);
}

void TestRateLimiter::refill()
{
    // 5 tokens a second: one every 200 ms.
    RateLimiter limiter(5.0, 5.0, 0);
    for (int i = 0; i < 5; ++i)
        QVERIFY(limiter.tryAcquire(0));
    QVERIFY(!limiter.tryAcquire(0));
    QVERIFY(!limiter.tryAcquire(199));
    QVERIFY(limiter.tryAcquire(200));
    QVERIFY(!limiter.tryAcquire(200));
    // 1 s later the bucket holds 5 again (3 of 200 ms... plus what was left).
    for (int i = 0; i < 5; ++i)
        QVERIFY(limiter.tryAcquire(1200));
    QVERIFY(!limiter.tryAcquire(1200));
}

void TestRateLimiter::refillIsCappedAtBurst()
{
    RateLimiter limiter(10.0, 3.0, 0);
    // An hour of silence saves up no more than the burst.
    const qint64 later = 3'600'000;
    for (int i = 0; i < 3; ++i)
        QVERIFY(limiter.tryAcquire(later));
    QVERIFY(!limiter.tryAcquire(later));
}

void TestRateLimiter::fractionalRate()
{
    // One token every 2 s.
    RateLimiter limiter(0.5, 1.0, 0);
    QVERIFY(limiter.tryAcquire(0));
    QVERIFY(!limiter.tryAcquire(1000));
    QVERIFY(!limiter.tryAcquire(1999));
    QVERIFY(limiter.tryAcquire(2000));
    QVERIFY(!limiter.tryAcquire(2000));
}

void TestRateLimiter::zeroRateDisables()
{
    RateLimiter limiter(0.0, 1.0, 0);
    for (int i = 0; i < 10000; ++i)
        QVERIFY(limiter.tryAcquire(0));
    QCOMPARE(limiter.consecutiveRejections(), 0);

    RateLimiter negative(-1.0, 1.0, 0);
    QVERIFY(negative.tryAcquire(0));
    QVERIFY(negative.tryAcquire(0));
}

void TestRateLimiter::burstBelowOneAllowsOne()
{
    RateLimiter limiter(1.0, 0.0, 0);
    QVERIFY(limiter.tryAcquire(0));
    QVERIFY(!limiter.tryAcquire(0));
    QVERIFY(limiter.tryAcquire(1000));
}

void TestRateLimiter::consecutiveRejections()
{
    RateLimiter limiter(1.0, 2.0, 0);
    QCOMPARE(limiter.consecutiveRejections(), 0);
    QVERIFY(limiter.tryAcquire(0));
    QVERIFY(limiter.tryAcquire(0));
    QCOMPARE(limiter.consecutiveRejections(), 0);
    for (int i = 1; i <= 4; ++i) {
        QVERIFY(!limiter.tryAcquire(100 * i));
        QCOMPARE(limiter.consecutiveRejections(), i);
    }
    // A token comes back after 1 s: accepted, and the count starts over.
    QVERIFY(limiter.tryAcquire(1000));
    QCOMPARE(limiter.consecutiveRejections(), 0);
    QVERIFY(!limiter.tryAcquire(1000));
    QCOMPARE(limiter.consecutiveRejections(), 1);
}

void TestRateLimiter::steadyRateNeverRejected()
{
    // A client sending exactly at the rate, after spending its burst, is never refused.
    RateLimiter limiter(10.0, 10.0, 0);
    for (int i = 0; i < 10; ++i)
        QVERIFY(limiter.tryAcquire(0));
    for (qint64 now = 100; now <= 60'000; now += 100)
        QVERIFY(limiter.tryAcquire(now));
    QCOMPARE(limiter.consecutiveRejections(), 0);
}

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
