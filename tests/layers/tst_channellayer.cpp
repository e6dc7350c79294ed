// SPDX-License-Identifier: MIT
// The one suite every channel layer backend passes (Channels' tests/test_inmemorychannel.py and
// channels_redis' tests): channels, groups, order, payload fidelity, volume, membership hygiene
// ("expiry"), presence, and for layers that span processes, delivery between two layer instances.
#include "layers/inmemorychannellayer.h"
#include "layers/presence.h"
#include "layers/redischannellayer.h"
#include "layertestsupport.h"
#include "util/fixturepolicy.h"
#include "util/redisserverprocess.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <optional>

using namespace Kaiwa::Server;
using namespace KaiwaTest;
using namespace Qt::StringLiterals;

class TestChannelLayer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ChannelLayer> makeLayer(std::chrono::milliseconds presenceTtl = std::chrono::seconds(30))
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend == "inmemory"_L1)
            return std::make_unique<InMemoryChannelLayer>();
        auto layer = std::make_unique<RedisChannelLayer>(*RedisUrl::parse(m_redis.url()));
        layer->setReconnectDelays(20, 200);
        layer->setPresenceTtl(presenceTtl);
        layer->start();
        return layer;
    }
    /// Redis delivery is asynchronous: wait until what was sent so far went through.
    static bool settled(ChannelLayer *layer)
    {
        return !(layer->capabilities() & ChannelLayer::Capability::CrossProcess) || layer->isReachable();
    }
    static Envelope envelope(const QByteArray &payload, qint64 id = 0)
    {
        return Envelope(payload, Envelope::Audience::Everyone, id);
    }
    /// The group's presence list, once the layer has it.
    static std::optional<QList<GroupMember>> membersOf(ChannelLayer *layer, const QString &group)
    {
        auto result = std::make_shared<std::optional<QList<GroupMember>>>();
        layer->presence()->members(group, [result](const QList<GroupMember> &members) { *result = members; });
        // Nothing after 5 s: the caller's comparison with an empty optional fails and says so.
        if (!QTest::qWaitFor([&] { return result->has_value(); }, 5000))
            return std::nullopt;
        return *result;
    }
    /// How many members the groups have on every daemon (0 for none), once the layer says.
    static QList<qsizetype> countsOf(ChannelLayer *layer, const QStringList &groups)
    {
        auto result = std::make_shared<std::optional<QHash<QString, qsizetype>>>();
        layer->presence()->memberCounts(groups,
                                        [result](const QHash<QString, qsizetype> &counts) { *result = counts; });
        QList<qsizetype> counts;
        if (!QTest::qWaitFor([&] { return result->has_value(); }, 5000))
            return counts; // the caller's comparison fails and says so
        for (const QString &group : groups)
            counts.append((*result)->value(group));
        return counts;
    }
    /// Waits until a group send from `from` reaches `recorder` (Redis subscriptions are asynchronous).
    static bool probe(ChannelLayer *from, const QString &group, Recorder &recorder)
    {
        return QTest::qWaitFor(
            [&] {
                from->groupSend(group, envelope("probe"));
                QTest::qWait(20);
                return !recorder.received.isEmpty();
            },
            5000);
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
        QVERIFY(m_layer->isReachable());
    }

    void channelsHaveUniqueNames()
    {
        Recorder a, b;
        const QString ca = m_layer->newChannel(&a, u"test");
        const QString cb = m_layer->newChannel(&b, u"test");
        QVERIFY(ca.startsWith("test."_L1));
        QVERIFY(ca != cb);
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
            (m_layer->groupSend(u"chat.fields"_s, Envelope(payload, Envelope::Audience::KaiwaV1, 0)),
             !a.received.isEmpty()),
            5000);
        const Envelope got = a.received.first();
        QCOMPARE(got.payload(), payload);
        QCOMPARE(got.audience(), Envelope::Audience::KaiwaV1);
        QCOMPARE(got.messageId(), 0);
        QVERIFY(got.origin().isEmpty());
        // An origin (the member a presence or typing event is about) travels too.
        m_layer->groupSend(u"chat.fields"_s, Envelope(payload, Envelope::Audience::KaiwaV1, 0, u"n0de.7 名"_s));
        QTRY_VERIFY(!a.received.last().origin().isEmpty()); // after any late copy of the probes above
        QCOMPARE(a.received.last().origin(), u"n0de.7 名"_s);
        QCOMPARE(a.received.last().payload(), payload);
        // So does what tutorial-only clients get instead (an edit's line), and who gets what.
        const QByteArray tutorial = "{\"message\":\"✎ fixed\",\"edit_of\":1}";
        m_layer->groupSend(u"chat.fields"_s, Envelope(payload, tutorial, 0));
        QTRY_VERIFY(!a.received.last().tutorialPayload().isEmpty());
        const Envelope edit = a.received.last();
        QCOMPARE(edit.tutorialPayload(), tutorial);
        QCOMPARE(edit.payload(), payload);
        QCOMPARE(edit.audience(), Envelope::Audience::KaiwaV1);
        QCOMPARE(edit.payloadFor(false), tutorial);
        QCOMPARE(edit.payloadFor(true), payload);
        QVERIFY(edit.reaches(false));
        QVERIFY(!got.reaches(false)); // a kaiwa.v1 event without a tutorial form reaches kaiwa.v1 clients only
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
        QTRY_VERIFY_WITH_TIMEOUT((m_layer->groupSend(u"chat.volume"_s, envelope("probe")), !a.received.isEmpty()),
                                 5000);
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

    /// Presence: a member list per group, join and leave reported once each, ordered by name.
    void presenceInOneLayer()
    {
        Recorder a;
        const QString group = u"chat.presence"_s;
        const QString ca = m_layer->newChannel(&a, u"chat");
        m_layer->groupAdd(group, ca);
        QSignalSpy joined(m_layer->presence(), &Presence::memberJoined);
        QSignalSpy left(m_layer->presence(), &Presence::memberLeft);
        const QString alice = m_layer->presence()->newMemberId();
        const QString bob = m_layer->presence()->newMemberId();
        QVERIFY(!alice.isEmpty() && alice != bob);
        m_layer->presence()->join(group, {bob, u"bob"_s});
        m_layer->presence()->join(group, {alice, u"alice"_s});
        QCOMPARE(joined.size(), 2);
        QCOMPARE(joined.at(0).at(0).toString(), group);
        QCOMPARE(membersOf(m_layer.get(), group), (QList<GroupMember>{{alice, u"alice"_s}, {bob, u"bob"_s}}));
        m_layer->presence()->leave(group, bob);
        m_layer->presence()->leave(group, bob); // twice: reported once
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.at(0).at(1).value<GroupMember>(), (GroupMember{bob, u"bob"_s}));
        QCOMPARE(membersOf(m_layer.get(), group), (QList<GroupMember>{{alice, u"alice"_s}}));
        // groupSendLocal reaches this layer's members.
        QVERIFY(probe(m_layer.get(), group, a));
        a.received.clear();
        m_layer->groupSendLocal(group, envelope("local"));
        QTRY_COMPARE(a.payloads(), QByteArrayList{"local"});
        m_layer->presence()->leave(group, alice);
        m_layer->closeChannel(ca);
        // A group that is gone starts again empty.
        const QString again = m_layer->newChannel(&a, u"chat");
        m_layer->groupAdd(group, again);
        QCOMPARE(membersOf(m_layer.get(), group), QList<GroupMember>{});
        m_layer->closeChannel(again);
    }

    /// Presence across two layer instances (two daemons): joins and leaves reach the other one, lists agree.
    void presenceCrossProcess()
    {
        if (!(m_layer->capabilities() & ChannelLayer::Capability::CrossProcess))
            QSKIP("this backend does not span processes");
        auto other = makeLayer();
        QTRY_VERIFY(settled(other.get()));
        const QString group = u"chat.presence2"_s;
        Recorder a, b;
        const QString ca = m_layer->newChannel(&a, u"chat");
        const QString cb = other->newChannel(&b, u"chat");
        m_layer->groupAdd(group, ca);
        const QString alice = m_layer->presence()->newMemberId();
        m_layer->presence()->join(group, {alice, u"alice"_s});
        QCOMPARE(membersOf(m_layer.get(), group), (QList<GroupMember>{{alice, u"alice"_s}}));
        other->groupAdd(group, cb);
        const QString bob = other->presence()->newMemberId();
        QVERIFY(bob != alice);
        QSignalSpy joinedHere(m_layer->presence(), &Presence::memberJoined);
        QSignalSpy leftThere(other->presence(), &Presence::memberLeft);
        other->presence()->join(group, {bob, u"bob"_s});
        // The other daemon's list: read from the shared registry once its subscription is active.
        QCOMPARE(membersOf(other.get(), group), (QList<GroupMember>{{alice, u"alice"_s}, {bob, u"bob"_s}}));
        QTRY_COMPARE(joinedHere.size(), 1);
        QCOMPARE(joinedHere.at(0).at(1).value<GroupMember>(), (GroupMember{bob, u"bob"_s}));
        QCOMPARE(membersOf(m_layer.get(), group), (QList<GroupMember>{{alice, u"alice"_s}, {bob, u"bob"_s}}));
        m_layer->presence()->leave(group, alice);
        QTRY_COMPARE(leftThere.size(), 1);
        QCOMPARE(leftThere.at(0).at(1).value<GroupMember>(), (GroupMember{alice, u"alice"_s}));
        QCOMPARE(membersOf(other.get(), group), (QList<GroupMember>{{bob, u"bob"_s}}));

        // groupSendLocal stays in its daemon.
        QVERIFY(probe(m_layer.get(), group, b));
        QVERIFY(probe(other.get(), group, a));
        a.received.clear();
        b.received.clear();
        other->groupSendLocal(group, envelope("only here"));
        other->groupSend(group, envelope("everywhere"));
        QTRY_COMPARE(a.payloads(), QByteArrayList{"everywhere"});
        QTRY_COMPARE(b.payloads(), (QByteArrayList{"only here", "everywhere"}));
        m_layer->closeChannel(ca);
        other->presence()->leave(group, bob);
        other->closeChannel(cb);
    }

    /// A daemon that dies without leaving: its members disappear from the others' lists within the TTL.
    void presenceExpiresWithItsDaemon()
    {
        if (!(m_layer->capabilities() & ChannelLayer::Capability::CrossProcess))
            QSKIP("this backend does not span processes");
        using namespace std::chrono_literals;
        auto survivor = makeLayer(600ms);
        auto dying = makeLayer(600ms);
        QTRY_VERIFY(settled(survivor.get()) && settled(dying.get()));
        const QString group = u"chat.expiry"_s;
        Recorder a, b;
        const QString ca = survivor->newChannel(&a, u"chat");
        const QString cb = dying->newChannel(&b, u"chat");
        survivor->groupAdd(group, ca);
        dying->groupAdd(group, cb);
        QVERIFY(probe(survivor.get(), group, b));
        QSignalSpy joined(survivor->presence(), &Presence::memberJoined);
        QSignalSpy left(survivor->presence(), &Presence::memberLeft);
        const QString carl = dying->presence()->newMemberId();
        dying->presence()->join(group, {carl, u"carl"_s});
        QTRY_COMPARE(joined.size(), 1);
        QCOMPARE(membersOf(survivor.get(), group)->size(), 1);
        dying.reset(); // no leave, no goodbye: as a crashed daemon
        QTRY_COMPARE_WITH_TIMEOUT(left.size(), 1, 5000);
        QCOMPARE(left.at(0).at(1).value<GroupMember>(), (GroupMember{carl, u"carl"_s}));
        QCOMPARE(membersOf(survivor.get(), group), QList<GroupMember>{});
        // ... and from the shared registry.
        const QByteArray key =
            static_cast<RedisChannelLayer *>(survivor.get())->redisChannel(group).replace("group:", "presence:");
        QTRY_COMPARE(m_redis.cli({u"HLEN"_s, QString::fromUtf8(key)}), QByteArray("0"));
        survivor->closeChannel(ca);
    }

    /// The room directory's "online": members on every daemon, also of groups without members on the one asked.
    void memberCountsSpanDaemons()
    {
        using namespace std::chrono_literals;
        const QStringList groups{u"chat.counted"_s, u"chat.nobody"_s};
        const QString here = m_layer->presence()->newMemberId();
        m_layer->presence()->join(groups.first(), {here, u"alice"_s});
        QCOMPARE(countsOf(m_layer.get(), groups), (QList<qsizetype>{1, 0}));
        QCOMPARE(countsOf(m_layer.get(), {}), QList<qsizetype>{});
        if (!(m_layer->capabilities() & ChannelLayer::Capability::CrossProcess)) {
            m_layer->presence()->leave(groups.first(), here);
            QCOMPARE(countsOf(m_layer.get(), groups), (QList<qsizetype>{0, 0}));
            return;
        }
        // Another daemon that has none of the groups counts the members of this one, and of a third.
        auto other = makeLayer();
        auto dying = makeLayer(600ms);
        QTRY_VERIFY(settled(other.get()) && settled(dying.get()));
        dying->presence()->join(groups.first(), {dying->presence()->newMemberId(), u"carl"_s});
        QTRY_COMPARE(countsOf(other.get(), groups), (QList<qsizetype>{2, 0}));
        // A daemon that died without leaving: its members stop counting once its presence expired.
        dying.reset();
        QTRY_COMPARE_WITH_TIMEOUT(countsOf(other.get(), groups), (QList<qsizetype>{1, 0}), 5000);
        m_layer->presence()->leave(groups.first(), here);
        QTRY_COMPARE(countsOf(other.get(), groups), (QList<qsizetype>{0, 0}));
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
        QTRY_VERIFY_WITH_TIMEOUT((m_layer->groupSend(u"chat.shared"_s, envelope("probe")), !b.received.isEmpty()),
                                 5000);
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
