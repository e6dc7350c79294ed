// SPDX-License-Identifier: MIT
// What only the Redis layer does: URLs, outages, reconnection, and ordering with the shared store.
#include "layers/redischannellayer.h"
#include "layertestsupport.h"
#include "util/childprocess.h"
#include "util/fixturepolicy.h"
#include "util/redisserverprocess.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <chrono>

using namespace Kaiwa::Server;
using namespace KaiwaTest;
using namespace Qt::StringLiterals;

class TestRedisChannelLayer : public QObject
{
    Q_OBJECT

    RedisServerProcess m_redis;

    std::unique_ptr<RedisChannelLayer> makeLayer(GroupHistory *history = nullptr, const QString &storeIdentity = {})
    {
        auto layer = std::make_unique<RedisChannelLayer>(*RedisUrl::parse(m_redis.url()));
        layer->setReconnectDelays(20, 200);
        layer->setHistory(history);
        if (!storeIdentity.isEmpty()) {
            layer->setPresenceTtl(std::chrono::seconds(2)); // renewed every 667 ms
            layer->setStore(storeIdentity, u"database "_s + storeIdentity);
        }
        layer->start();
        return layer;
    }
    static RedisStoreRegistration::State registered() { return RedisStoreRegistration::State::Registered; }
    static RedisStoreRegistration::State conflict() { return RedisStoreRegistration::State::Conflict; }

private Q_SLOTS:
    void urls_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("password");
        QTest::addColumn<int>("database");
        QTest::newRow("plain") << u"redis://localhost"_s << true << u"localhost"_s << 6379 << QString() << 0;
        QTest::newRow("full") << u"redis://:s%40cret@10.0.0.1:7000/3"_s << true << u"10.0.0.1"_s << 7000 << u"s@cret"_s
                              << 3;
        QTest::newRow("acl") << u"redis://app:pw@h:1/0"_s << true << u"h"_s << 1 << u"pw"_s << 0;
        QTest::newRow("ipv6") << u"redis://[::1]:6380"_s << true << u"::1"_s << 6380 << QString() << 0;
        QTest::newRow("tls refused") << u"rediss://h:6380"_s << false << QString() << 0 << QString() << 0;
        QTest::newRow("other scheme") << u"http://h"_s << false << QString() << 0 << QString() << 0;
        QTest::newRow("bad db") << u"redis://h/x"_s << false << QString() << 0 << QString() << 0;
        QTest::newRow("user without password") << u"redis://u@h"_s << false << QString() << 0 << QString() << 0;
    }
    void urls()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QString error;
        const auto url = RedisUrl::parse(text, &error);
        QCOMPARE(url.has_value(), valid);
        if (!valid) {
            QVERIFY(!error.isEmpty());
            if (text.startsWith("rediss"_L1))
                QVERIFY(error.contains("TLS"_L1));
            return;
        }
        QTEST(url->host, "host");
        QTEST(int(url->port), "port");
        QTEST(url->password, "password");
        QTEST(url->database, "database");
        QVERIFY(!url->displayString().contains(u"cret"_s));
    }

    void initTestCase() { KAIWA_REQUIRE_FIXTURE(m_redis.start(), u"redis-server"_s); }
    void init()
    {
        if (!m_redis.isRunning())
            QVERIFY(m_redis.restart());
        m_redis.cli({u"FLUSHALL"_s}); // no registration of an earlier test
    }

    void databasesAreSeparateNamespaces()
    {
        RedisChannelLayer zero(*RedisUrl::parse(u"redis://127.0.0.1/0"_s));
        RedisChannelLayer one(*RedisUrl::parse(u"redis://127.0.0.1/1"_s));
        QVERIFY(zero.redisChannel(u"chat.x"_s) != one.redisChannel(u"chat.x"_s));
    }

    void unreachableServerDegradesToLocalDelivery()
    {
        RedisChannelLayer layer(*RedisUrl::parse(u"redis://127.0.0.1:%1/0"_s.arg(ChildProcess::freeLoopbackPort())));
        layer.setReconnectDelays(20, 100);
        layer.start();
        Recorder a;
        const QString channel = layer.newChannel(&a, u"chat");
        layer.groupAdd(u"chat.room"_s, channel);
        QTest::qWait(200);
        QVERIFY(!layer.isReachable());
        layer.groupSend(u"chat.room"_s, Envelope("local", Envelope::Audience::Everyone, 1));
        QCOMPARE(a.payloads(), QByteArrayList{"local"});
        QCOMPARE(layer.pendingPublishes(), 1); // a chat message is kept for the other daemons
        layer.closeChannel(channel);
    }

    void wrongPasswordIsReported()
    {
        RedisChannelLayer layer(*RedisUrl::parse(u"redis://:nope@127.0.0.1:%1/0"_s.arg(m_redis.port())));
        layer.setReconnectDelays(20, 100);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"redis unavailable.*AUTH failed"_s));
        layer.start();
        QTest::qWait(300);
        QVERIFY(!layer.isReachable());
    }

    /// Redis goes away mid-chat and comes back: local members keep chatting, then delivery between
    /// daemons resumes, and the store fills in what the other daemon said meanwhile.
    void outageAndRecovery()
    {
        FakeHistory history;
        auto first = makeLayer(&history);
        auto second = makeLayer(&history);
        QTRY_VERIFY(first->isReachable() && second->isReachable());
        Recorder a, b;
        first->groupAdd(u"chat.room"_s, first->newChannel(&a, u"chat"));
        second->groupAdd(u"chat.room"_s, second->newChannel(&b, u"chat"));
        QTest::qWait(100); // both subscriptions active
        const auto post = [&](RedisChannelLayer *layer) {
            layer->groupSend(u"chat.room"_s, history.store(u"chat.room"_s));
        };
        post(first.get());
        post(second.get());
        QTRY_COMPARE(a.ids(), (QList<qint64>{1, 2}));
        QTRY_COMPARE(b.ids(), (QList<qint64>{1, 2}));

        QSignalSpy firstDown(first.get(), &ChannelLayer::reachabilityChanged);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"redis unavailable.*degraded"_s));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"redis unavailable.*degraded"_s));
        m_redis.kill();
        QTRY_VERIFY(!first->isReachable() && !second->isReachable());
        QCOMPARE(firstDown.size(), 1);
        QCOMPARE(firstDown.first().first().toBool(), false);
        post(first.get());  // 3: a sees it at once (local), b only after recovery
        post(second.get()); // 4: b has a gap (3) and fills it from the store
        QCOMPARE(a.ids(), (QList<qint64>{1, 2, 3}));
        QTRY_COMPARE(b.ids(), (QList<qint64>{1, 2, 3, 4}));

        QVERIFY(m_redis.restart());
        QTRY_VERIFY_WITH_TIMEOUT(first->isReachable() && second->isReachable(), 10000);
        QCOMPARE(firstDown.size(), 2);
        QTRY_COMPARE(a.ids(), (QList<qint64>{1, 2, 3, 4})); // caught up after resubscribing
        post(second.get());
        QTRY_COMPARE(a.ids(), (QList<qint64>{1, 2, 3, 4, 5}));
        QTRY_COMPARE(b.ids(), (QList<qint64>{1, 2, 3, 4, 5}));
        QTest::qWait(100);
        QCOMPARE(a.received.size(), 5); // no duplicates from the republished messages
        QCOMPARE(b.received.size(), 5);
    }

    /// Layers on different stores: the first registers, the second conflicts, and none of their
    /// messages cross (every channel carries the store's scope); layers on one store share rooms.
    void storesAreRegisteredAndKeptApart()
    {
        FakeHistory history, otherHistory;
        auto first = makeLayer(&history, u"store-x"_s);
        QTRY_COMPARE(first->storeState(), registered());
        const QString value = QString::fromUtf8(m_redis.cli({u"GET"_s, u"kaiwa:0:store"_s}));
        QCOMPARE(value.section(u' ', 0, 0).toUtf8(), RedisStoreRegistration::scopeOf(u"store-x"_s));
        QVERIFY2(value.section(u' ', 1).startsWith(u"database store-x, registered by a daemon on "_s),
                 qPrintable(value));
        auto other = makeLayer(&otherHistory, u"store-y"_s);
        QTRY_COMPARE(other->storeState(), conflict());
        QVERIFY(other->storeConflict().contains(u"(database store-x, registered by a daemon on"_s));
        QVERIFY(other->storeConflict().contains(u"than this one (database store-y)"_s));
        QCOMPARE(other->degradedReason(), u"redis shared with daemons on another database"_s);
        auto same = makeLayer(&history, u"store-x"_s);
        QTRY_COMPARE(same->storeState(), registered());
        QVERIFY(first->redisChannel(u"chat.room"_s) == same->redisChannel(u"chat.room"_s));
        QVERIFY(first->redisChannel(u"chat.room"_s) != other->redisChannel(u"chat.room"_s));
        QTRY_VERIFY(first->isReachable() && same->isReachable() && other->isReachable());

        Recorder a, b, c;
        first->groupAdd(u"chat.room"_s, first->newChannel(&a, u"chat"));
        same->groupAdd(u"chat.room"_s, same->newChannel(&b, u"chat"));
        other->groupAdd(u"chat.room"_s, other->newChannel(&c, u"chat"));
        first->groupSend(u"chat.room"_s, history.store(u"chat.room"_s));      // id 1 of store x
        other->groupSend(u"chat.room"_s, otherHistory.store(u"chat.room"_s)); // id 1 of store y
        same->groupSend(u"chat.room"_s, history.store(u"chat.room"_s));       // id 2 of store x
        QTRY_COMPARE(a.payloads(), (QByteArrayList{"chat.room#1", "chat.room#2"}));
        QTRY_COMPARE(b.payloads(), (QByteArrayList{"chat.room#1", "chat.room#2"}));
        QCOMPARE(c.ids(), QList<qint64>{1}); // its own id 1 only: nothing of store x dropped or mixed in
        QTest::qWait(100);
        QCOMPARE(c.received.size(), 1);
        QCOMPARE(a.received.size(), 2);
    }

    /// A flushed Redis loses the registration: the daemons register again by themselves, and a
    /// store that differs still conflicts. Once every daemon of a store is gone, the registration
    /// lapses and another store may take over.
    void registrationOutlivesFlushAndLapses()
    {
        auto first = makeLayer(nullptr, u"store-x"_s);
        QTRY_COMPARE(first->storeState(), registered());
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"registration of this daemon's database was gone"_s));
        QCOMPARE(m_redis.cli({u"FLUSHALL"_s}), QByteArray("OK"));
        const QByteArray scope = RedisStoreRegistration::scopeOf(u"store-x"_s);
        QTRY_VERIFY(m_redis.cli({u"GET"_s, u"kaiwa:0:store"_s}).startsWith(scope));
        auto other = makeLayer(nullptr, u"store-y"_s);
        QTRY_COMPARE(other->storeState(), conflict());

        // The conflicting layer keeps checking: when the store it conflicts with is gone, it takes over.
        first.reset();
        QTRY_COMPARE_WITH_TIMEOUT(other->storeState(), registered(), 10000);
        QVERIFY(m_redis.cli({u"GET"_s, u"kaiwa:0:store"_s}).startsWith(RedisStoreRegistration::scopeOf(u"store-y"_s)));
        auto late = makeLayer(nullptr, u"store-x"_s);
        QTRY_COMPARE(late->storeState(), conflict());
    }

    /// A Redis that stops answering without closing its connections (SIGSTOP) is noticed by the
    /// probe; once it runs again, what was sent meanwhile reaches the other daemon, in order.
    void frozenRedisIsNoticed()
    {
        FakeHistory history;
        auto first = makeLayer(&history);
        auto second = makeLayer(&history);
        for (RedisChannelLayer *layer : {first.get(), second.get()})
            layer->setProbeTiming(50, 300);
        QTRY_VERIFY(first->isReachable() && second->isReachable());
        Recorder a, b;
        first->groupAdd(u"chat.room"_s, first->newChannel(&a, u"chat"));
        second->groupAdd(u"chat.room"_s, second->newChannel(&b, u"chat"));
        QTest::qWait(100);
        first->groupSend(u"chat.room"_s, history.store(u"chat.room"_s));
        QTRY_COMPARE(b.ids(), QList<qint64>{1});

        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"redis unavailable \\(no answer within 300 ms\\)"_s));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"redis unavailable \\(no answer within 300 ms\\)"_s));
        QVERIFY(m_redis.freeze());
        first->groupSend(u"chat.room"_s, history.store(u"chat.room"_s)); // 2: into the frozen connection
        QTRY_VERIFY_WITH_TIMEOUT(!first->isReachable() && !second->isReachable(), 3000);
        QVERIFY(first->probeTimeouts() >= 1);
        QCOMPARE(first->degradedReason(), u"redis unavailable"_s);
        first->groupSend(u"chat.room"_s, history.store(u"chat.room"_s)); // 3: while known to be down
        QCOMPARE(a.ids(), (QList<qint64>{1, 2, 3}));
        QCOMPARE(b.ids(), QList<qint64>{1});

        m_redis.thaw();
        QTRY_VERIFY_WITH_TIMEOUT(first->isReachable() && second->isReachable(), 10000);
        QTRY_COMPARE(b.ids(), (QList<qint64>{1, 2, 3}));
        QTest::qWait(200);
        QCOMPARE(b.received.size(), 3); // once each
        QCOMPARE(a.received.size(), 3);
    }

    /**
     * A backlog in front of the probe's answer is no outage: Redis keeps delivering, this daemon reads behind (at
     * 100,000 connections, seconds of messages). The probe's deadline is short here and the backlog takes many
     * times as long to read; the old probe (a deadline on the answer alone) dropped both connections in it.
     */
    void backlogIsNotAnOutage()
    {
        constexpr int deadlineMs = 50;
        constexpr int flood = 100000;
        auto sender = makeLayer();
        auto receiver = makeLayer();
        receiver->setProbeTiming(10, deadlineMs);
        QTRY_VERIFY(sender->isReachable() && receiver->isReachable());
        Recorder got;
        receiver->groupAdd(u"chat.room"_s, receiver->newChannel(&got, u"chat"));
        // Subscribed once a message sent now arrives.
        QTRY_VERIFY((sender->groupSend(u"chat.room"_s, Envelope("hello", Envelope::Audience::Everyone, 0)),
                     !got.received.isEmpty()));
        const auto floodReceived = [&got] {
            return std::count_if(got.received.cbegin(), got.received.cend(),
                                 [](const Envelope &envelope) { return envelope.payload() == "flood"; });
        };

        QElapsedTimer drain;
        drain.start();
        for (int i = 0; i < flood; ++i)
            sender->groupSend(u"chat.room"_s, Envelope("flood", Envelope::Audience::Everyone, 0));
        QTRY_COMPARE_WITH_TIMEOUT(floodReceived(), flood, 60000);
        QVERIFY2(drain.elapsed() > 4 * deadlineMs,
                 qPrintable(u"the backlog was read in %1 ms: too fast to test the deadline"_s.arg(drain.elapsed())));
        QCOMPARE(receiver->probeTimeouts(), 0);
        QVERIFY(receiver->isReachable());
    }

    /// What was published before this daemon's subscription took effect comes from the store.
    void joinRaceIsClosedByTheStore()
    {
        FakeHistory history;
        auto first = makeLayer(&history);
        auto second = makeLayer(&history);
        QTRY_VERIFY(first->isReachable() && second->isReachable());
        Recorder a, b;
        first->groupAdd(u"chat.race"_s, first->newChannel(&a, u"chat"));
        second->groupAdd(u"chat.race"_s, second->newChannel(&b, u"chat")); // SUBSCRIBE still in flight
        first->groupSend(u"chat.race"_s, history.store(u"chat.race"_s));
        QTRY_COMPARE(b.ids(), QList<qint64>{1});
        QTRY_COMPARE(a.ids(), QList<qint64>{1});
    }

    /// Interleaved senders on two daemons: every member sees one order, the id order.
    void idOrderAcrossDaemons()
    {
        FakeHistory history;
        auto first = makeLayer(&history);
        auto second = makeLayer(&history);
        QTRY_VERIFY(first->isReachable() && second->isReachable());
        Recorder a, b;
        first->groupAdd(u"chat.order"_s, first->newChannel(&a, u"chat"));
        second->groupAdd(u"chat.order"_s, second->newChannel(&b, u"chat"));
        QTest::qWait(100);
        QList<qint64> expected;
        for (int i = 0; i < 300; ++i) {
            RedisChannelLayer *layer = (i * 7 % 3) ? first.get() : second.get();
            const Envelope envelope = history.store(u"chat.order"_s);
            expected.append(envelope.messageId());
            layer->groupSend(u"chat.order"_s, envelope);
        }
        QTRY_COMPARE(a.ids(), expected);
        QTRY_COMPARE(b.ids(), expected);
    }
};

QTEST_GUILESS_MAIN(TestRedisChannelLayer)
#include "tst_redischannellayer.moc"
