// SPDX-License-Identifier: MIT
// What only the Redis layer does: URLs, outages, reconnection, and ordering with the shared store.
#include "layers/redischannellayer.h"
#include "layertestsupport.h"
#include "util/daphneprocess.h"
#include "util/fixturepolicy.h"
#include "util/redisserverprocess.h"

#include <QSignalSpy>
#include <QTest>

using namespace Kaiwa::Server;
using namespace KaiwaTest;
using namespace Qt::StringLiterals;

class TestRedisChannelLayer : public QObject
{
    Q_OBJECT

    RedisServerProcess m_redis;

    std::unique_ptr<RedisChannelLayer> makeLayer(GroupHistory *history = nullptr)
    {
        auto layer = std::make_unique<RedisChannelLayer>(*RedisUrl::parse(m_redis.url()));
        layer->setReconnectDelays(20, 200);
        layer->setHistory(history);
        layer->start();
        return layer;
    }

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
        QTest::newRow("full") << u"redis://:s%40cret@10.0.0.1:7000/3"_s << true << u"10.0.0.1"_s << 7000 << u"s@cret"_s << 3;
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

    void databasesAreSeparateNamespaces()
    {
        RedisChannelLayer zero(*RedisUrl::parse(u"redis://127.0.0.1/0"_s));
        RedisChannelLayer one(*RedisUrl::parse(u"redis://127.0.0.1/1"_s));
        QVERIFY(zero.redisChannel(u"chat.x"_s) != one.redisChannel(u"chat.x"_s));
    }

    void unreachableServerDegradesToLocalDelivery()
    {
        RedisChannelLayer layer(*RedisUrl::parse(u"redis://127.0.0.1:%1/0"_s.arg(DaphneProcess::freePort())));
        layer.setReconnectDelays(20, 100);
        layer.start();
        Recorder a;
        const QString channel = layer.newChannel(&a, u"chat");
        layer.groupAdd(u"chat.room"_s, channel);
        QTest::qWait(200);
        QVERIFY(!layer.isAvailable());
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
        QVERIFY(!layer.isAvailable());
    }

    /// Redis goes away mid-chat and comes back: local members keep chatting, then delivery between
    /// daemons resumes, and the store fills in what the other daemon said meanwhile.
    void outageAndRecovery()
    {
        FakeHistory history;
        auto first = makeLayer(&history);
        auto second = makeLayer(&history);
        QTRY_VERIFY(first->isAvailable() && second->isAvailable());
        Recorder a, b;
        first->groupAdd(u"chat.room"_s, first->newChannel(&a, u"chat"));
        second->groupAdd(u"chat.room"_s, second->newChannel(&b, u"chat"));
        QTest::qWait(100); // both subscriptions active
        const auto post = [&](RedisChannelLayer *layer) { layer->groupSend(u"chat.room"_s, history.store(u"chat.room"_s)); };
        post(first.get());
        post(second.get());
        QTRY_COMPARE(a.ids(), (QList<qint64>{1, 2}));
        QTRY_COMPARE(b.ids(), (QList<qint64>{1, 2}));

        QSignalSpy firstDown(first.get(), &ChannelLayer::availabilityChanged);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"redis unavailable.*degraded"_s));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"redis unavailable.*degraded"_s));
        m_redis.kill();
        QTRY_VERIFY(!first->isAvailable() && !second->isAvailable());
        QCOMPARE(firstDown.size(), 1);
        QCOMPARE(firstDown.first().first().toBool(), false);
        post(first.get()); // 3: a sees it at once (local), b only after recovery
        post(second.get()); // 4: b has a gap (3) and fills it from the store
        QCOMPARE(a.ids(), (QList<qint64>{1, 2, 3}));
        QTRY_COMPARE(b.ids(), (QList<qint64>{1, 2, 3, 4}));

        QVERIFY(m_redis.restart());
        QTRY_VERIFY_WITH_TIMEOUT(first->isAvailable() && second->isAvailable(), 10000);
        QCOMPARE(firstDown.size(), 2);
        QTRY_COMPARE(a.ids(), (QList<qint64>{1, 2, 3, 4})); // caught up after resubscribing
        post(second.get());
        QTRY_COMPARE(a.ids(), (QList<qint64>{1, 2, 3, 4, 5}));
        QTRY_COMPARE(b.ids(), (QList<qint64>{1, 2, 3, 4, 5}));
        QTest::qWait(100);
        QCOMPARE(a.received.size(), 5); // no duplicates from the republished messages
        QCOMPARE(b.received.size(), 5);
    }

    /// What was published before this daemon's subscription took effect comes from the store.
    void joinRaceIsClosedByTheStore()
    {
        FakeHistory history;
        auto first = makeLayer(&history);
        auto second = makeLayer(&history);
        QTRY_VERIFY(first->isAvailable() && second->isAvailable());
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
        QTRY_VERIFY(first->isAvailable() && second->isAvailable());
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
