// SPDX-License-Identifier: MIT
// The one suite every channel layer backend passes (Channels' tests/test_inmemorychannel.py and
// channels_redis' tests): send/receive, groups, order, payload fidelity, volume, membership
// hygiene ("expiry"), and for layers that span processes, delivery between two layer instances.
#include "layers/inmemorychannellayer.h"
#include "layers/redischannellayer.h"
#include "layertestsupport.h"
#include "util/fixturepolicy.h"
#include "util/redisserverprocess.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Kaiwa::Server;
using namespace KaiwaTest;
using namespace Qt::StringLiterals;

class TestChannelLayer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ChannelLayer> makeLayer()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend == "inmemory"_L1)
            return std::make_unique<InMemoryChannelLayer>();
        auto layer = std::make_unique<RedisChannelLayer>(*RedisUrl::parse(m_redis.url()));
        layer->setReconnectDelays(20, 200);
        layer->start();
        return layer;
    }
    /// Redis delivery is asynchronous: wait until what was sent so far went through.
    static bool settled(ChannelLayer *layer)
    {
        return !(layer->capabilities() & ChannelLayer::Capability::CrossProcess) || layer->isAvailable();
    }
    static Envelope envelope(const QByteArray &payload, qint64 id = 0)
    {
        return Envelope(payload, Envelope::Audience::Everyone, id);
    }

    RedisServerProcess m_redis;
    bool m_redisStarted = false;
    std::unique_ptr<ChannelLayer> m_layer;

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("inmemory") << u"inmemory"_s;
        QTest::newRow("redis") << u"redis"_s;
    }
    void initTestCase() { m_redisStarted = m_redis.start(); }
    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend == "redis"_L1)
            KAIWA_REQUIRE_FIXTURE(m_redisStarted, u"redis-server"_s);
        m_layer = makeLayer();
        QTRY_VERIFY(settled(m_layer.get()));
    }
    void cleanup() { m_layer.reset(); }

    void identity()
    {
        QVERIFY(!m_layer->backendId().isEmpty());
        QVERIFY(m_layer->capabilities() & ChannelLayer::Capability::Groups);
        QVERIFY(m_layer->isAvailable());
    }

    void sendToChannel()
    {
        Recorder a, b;
        const QString ca = m_layer->newChannel(&a, u"test");
        const QString cb = m_layer->newChannel(&b, u"test");
        QVERIFY(ca.startsWith("test."_L1));
        QVERIFY(ca != cb);
        m_layer->send(ca, envelope("one"));
        QTRY_COMPARE(a.payloads(), QByteArrayList{"one"});
        QVERIFY(b.received.isEmpty());
        m_layer->send(u"test.nonexistent"_s, envelope("lost")); // silently dropped
        m_layer->closeChannel(ca);
        m_layer->closeChannel(cb);
    }

    void groupSendInOrderToEveryMember()
    {
        Recorder a, b, outsider;
        const QString ca = m_layer->newChannel(&a, u"chat");
        const QString cb = m_layer->newChannel(&b, u"chat");
        const QString co = m_layer->newChannel(&outsider, u"chat");
        QSignalSpy created(m_layer.get(), &ChannelLayer::groupCreated);
        m_layer->groupAdd(u"chat.room"_s, ca);
        m_layer->groupAdd(u"chat.room"_s, cb);
        m_layer->groupAdd(u"chat.other"_s, co);
        QCOMPARE(created.size(), 2);
        QCOMPARE(m_layer->localGroupSize(u"chat.room"_s), 2);
        QTRY_VERIFY(settled(m_layer.get()));
        // Subscriptions are asynchronous: wait until one probe went around.
        QTRY_VERIFY_WITH_TIMEOUT((m_layer->groupSend(u"chat.room"_s, envelope("probe")), !a.received.isEmpty()), 5000);
        QTRY_VERIFY(!b.received.isEmpty());
        QTest::qWait(50);
        a.received.clear();
        b.received.clear();

        QByteArrayList expected;
        for (int i = 0; i < 200; ++i) {
            expected.append("m" + QByteArray::number(i));
            m_layer->groupSend(u"chat.room"_s, envelope(expected.last()));
        }
        QTRY_COMPARE(a.payloads(), expected);
        QTRY_COMPARE(b.payloads(), expected);
        QVERIFY(outsider.received.isEmpty());
        for (const QString &channel : {ca, cb, co})
            m_layer->closeChannel(channel);
    }

    void envelopeFieldsSurvive()
    {
        Recorder a;
        const QString ca = m_layer->newChannel(&a, u"chat");
        m_layer->groupAdd(u"chat.fields"_s, ca);
        const QByteArray payload = QByteArray("{\"message\":\"\\u0000 日本語\"}\0binary\xff", 30);
        QTRY_VERIFY_WITH_TIMEOUT(
            (m_layer->groupSend(u"chat.fields"_s, Envelope(payload, Envelope::Audience::KaiwaV1, 0)), !a.received.isEmpty()),
            5000);
        const Envelope got = a.received.first();
        QCOMPARE(got.payload(), payload);
        QCOMPARE(got.audience(), Envelope::Audience::KaiwaV1);
        QCOMPARE(got.messageId(), 0);
        m_layer->closeChannel(ca);
    }

    void largePayload()
    {
        Recorder a;
        const QString ca = m_layer->newChannel(&a, u"chat");
        m_layer->groupAdd(u"chat.large"_s, ca);
        const QByteArray big(4 * 1024 * 1024, 'x');
        QTRY_VERIFY_WITH_TIMEOUT((m_layer->groupSend(u"chat.large"_s, envelope("probe")), !a.received.isEmpty()), 5000);
        m_layer->groupSend(u"chat.large"_s, envelope(big));
        QTRY_VERIFY(a.received.last().payload().size() == big.size());
        m_layer->closeChannel(ca);
    }

    void discardAndClose()
    {
        Recorder a, b;
        const QString ca = m_layer->newChannel(&a, u"chat");
        const QString cb = m_layer->newChannel(&b, u"chat");
        QSignalSpy removed(m_layer.get(), &ChannelLayer::groupRemoved);
        m_layer->groupAdd(u"chat.room"_s, ca);
        m_layer->groupAdd(u"chat.room"_s, cb);
        m_layer->groupAdd(u"chat.room2"_s, cb);
        m_layer->groupDiscard(u"chat.room"_s, ca);
        m_layer->groupDiscard(u"chat.room"_s, ca); // twice: harmless
        QCOMPARE(m_layer->localGroupSize(u"chat.room"_s), 1);
        QTRY_VERIFY_WITH_TIMEOUT((m_layer->groupSend(u"chat.room"_s, envelope("after")), !b.received.isEmpty()), 5000);
        QTest::qWait(50);
        QVERIFY(a.received.isEmpty());
        m_layer->closeChannel(cb); // leaves both groups
        QCOMPARE(removed.size(), 2);
        QVERIFY(m_layer->localGroups().isEmpty());
        m_layer->closeChannel(ca);
    }

    void memberLeavesDuringDelivery()
    {
        Recorder a, b;
        const QString ca = m_layer->newChannel(&a, u"chat");
        const QString cb = m_layer->newChannel(&b, u"chat");
        m_layer->groupAdd(u"chat.room"_s, ca);
        m_layer->groupAdd(u"chat.room"_s, cb);
        a.onReceive = [&](const Envelope &) {
            m_layer->closeChannel(ca);
            m_layer->closeChannel(cb); // the group disappears inside its own send
        };
        QTRY_VERIFY_WITH_TIMEOUT((m_layer->groupSend(u"chat.room"_s, envelope("x")), !a.received.isEmpty()), 5000);
        QTest::qWait(50);
        QCOMPARE(a.received.size(), 1);
        QVERIFY(m_layer->localGroups().isEmpty());
    }

    void volumeWithoutLoss()
    {
        Recorder a;
        const QString ca = m_layer->newChannel(&a, u"chat");
        m_layer->groupAdd(u"chat.volume"_s, ca);
        QTRY_VERIFY_WITH_TIMEOUT((m_layer->groupSend(u"chat.volume"_s, envelope("probe")), !a.received.isEmpty()), 5000);
        QTest::qWait(50);
        a.received.clear();
        constexpr int count = 20000;
        for (int i = 0; i < count; ++i)
            m_layer->groupSend(u"chat.volume"_s, envelope(QByteArray::number(i)));
        QTRY_COMPARE_WITH_TIMEOUT(a.received.size(), count, 20000);
        for (int i = 0; i < count; ++i)
            QCOMPARE(a.received.at(i).payload(), QByteArray::number(i));
        m_layer->closeChannel(ca);
    }

    void flushDropsEverything()
    {
        Recorder a;
        const QString ca = m_layer->newChannel(&a, u"chat");
        m_layer->groupAdd(u"chat.room"_s, ca);
        m_layer->flush();
        QVERIFY(m_layer->localGroups().isEmpty());
        m_layer->groupSend(u"chat.room"_s, envelope("gone"));
        m_layer->send(ca, envelope("gone"));
        QTest::qWait(100);
        QVERIFY(a.received.isEmpty());
    }

    /// No stale membership: what a daemon leaves (or a crashed daemon held) is gone, with no expiry to wait for.
    void noStaleMembership()
    {
        QFETCH_GLOBAL(QString, backend);
        Recorder a;
        const QString ca = m_layer->newChannel(&a, u"chat");
        m_layer->groupAdd(u"chat.hygiene"_s, ca);
        QTRY_VERIFY_WITH_TIMEOUT((m_layer->groupSend(u"chat.hygiene"_s, envelope("p")), !a.received.isEmpty()), 5000);
        if (backend == "redis"_L1) {
            const QByteArray channel = static_cast<RedisChannelLayer *>(m_layer.get())->redisChannel(u"chat.hygiene"_s);
            QTRY_COMPARE(m_redis.cli({u"PUBSUB"_s, u"NUMSUB"_s, QString::fromUtf8(channel)}).split('\n').last(), "1");
            m_layer->closeChannel(ca);
            QTRY_COMPARE(m_redis.cli({u"PUBSUB"_s, u"NUMSUB"_s, QString::fromUtf8(channel)}).split('\n').last(), "0");
            // A member that never leaves: the layer goes away as a crashed daemon would.
            const QString again = m_layer->newChannel(&a, u"chat");
            m_layer->groupAdd(u"chat.hygiene"_s, again);
            QTRY_COMPARE(m_redis.cli({u"PUBSUB"_s, u"NUMSUB"_s, QString::fromUtf8(channel)}).split('\n').last(), "1");
            m_layer.reset();
            QTRY_COMPARE(m_redis.cli({u"PUBSUB"_s, u"NUMSUB"_s, QString::fromUtf8(channel)}).split('\n').last(), "0");
        } else {
            m_layer->closeChannel(ca);
            QVERIFY(m_layer->localGroups().isEmpty());
        }
    }

    /// Two layer instances (two daemons): a group spans both, everyone sees the same order.
    void crossProcess()
    {
        if (!(m_layer->capabilities() & ChannelLayer::Capability::CrossProcess))
            QSKIP("this backend does not span processes");
        auto other = makeLayer();
        QTRY_VERIFY(settled(other.get()));
        Recorder a, b;
        const QString ca = m_layer->newChannel(&a, u"chat");
        const QString cb = other->newChannel(&b, u"chat");
        m_layer->groupAdd(u"chat.shared"_s, ca);
        other->groupAdd(u"chat.shared"_s, cb);
        QTRY_VERIFY_WITH_TIMEOUT((m_layer->groupSend(u"chat.shared"_s, envelope("probe")), !b.received.isEmpty()), 5000);
        QTRY_VERIFY(!a.received.isEmpty());
        QTest::qWait(50);
        a.received.clear();
        b.received.clear();
        for (int i = 0; i < 500; ++i) {
            m_layer->groupSend(u"chat.shared"_s, envelope("a" + QByteArray::number(i)));
            other->groupSend(u"chat.shared"_s, envelope("b" + QByteArray::number(i)));
        }
        QTRY_COMPARE(a.received.size(), 1000);
        QTRY_COMPARE(b.received.size(), 1000);
        QCOMPARE(a.payloads(), b.payloads()); // one order for every daemon
        m_layer->closeChannel(ca);
        other->closeChannel(cb);
    }
};

QTEST_GUILESS_MAIN(TestChannelLayer)
#include "tst_channellayer.moc"
