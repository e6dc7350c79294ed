// SPDX-License-Identifier: MIT
// PresenceRegistry, the presence bookkeeping of both layers, driven as RedisChannelLayer drives it:
// member ids per daemon, join and leave reports, readiness, and sweeps that reconcile the members of
// other daemons with the shared registry while newer reports win.
#include "layers/presenceregistry.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace Kaiwa::Server;
using namespace Qt::StringLiterals;

namespace {

const QString s_room = u"chat.lobby"_s;

QStringList ids(const QList<GroupMember> &members)
{
    QStringList result;
    for (const GroupMember &member : members)
        result.append(member.id);
    return result;
}

/// The members a signal spy saw, as "id" strings.
QStringList spied(const QSignalSpy &spy)
{
    QStringList result;
    for (const QList<QVariant> &arguments : spy)
        result.append(arguments.at(1).value<GroupMember>().id);
    return result;
}

} // namespace

class TestPresenceRegistry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<GroupMember>(); }

    void memberIdsNameTheirDaemon()
    {
        PresenceRegistry registry(u"node1"_s, true);
        QCOMPARE(registry.nodeId(), u"node1"_s);
        QCOMPARE(registry.newMemberId(), u"node1.1"_s);
        QCOMPARE(registry.newMemberId(), u"node1.2"_s);
        for (int i = 3; i <= 10; ++i)
            registry.newMemberId();
        QCOMPARE(registry.newMemberId(), u"node1.b"_s); // base 36: short ids for long-lived daemons

        static const QRegularExpression shape(u"^[0-9a-z]{8}$"_s);
        const QString random = PresenceRegistry::randomNodeId();
        QVERIFY2(shape.match(random).hasMatch(), qPrintable(random));
        QVERIFY(PresenceRegistry::randomNodeId() != random);
    }

    void isLocal_data()
    {
        QTest::addColumn<QString>("memberId");
        QTest::addColumn<bool>("local");
        QTest::newRow("made here") << u"node1.7"_s << true;
        QTest::newRow("another daemon") << u"node2.7"_s << false;
        QTest::newRow("a daemon whose id starts with ours") << u"node10.7"_s << false;
        QTest::newRow("our node id alone") << u"node1"_s << false;
        QTest::newRow("empty") << QString() << false;
    }
    void isLocal()
    {
        QFETCH(QString, memberId);
        QFETCH(bool, local);
        QCOMPARE(PresenceRegistry(u"node1"_s, true).isLocal(memberId), local);
    }

    void joinAndLeaveAreSignalledOnce()
    {
        PresenceRegistry registry(u"a"_s, true);
        QSignalSpy joined(&registry, &PresenceRegistry::memberJoined);
        QSignalSpy left(&registry, &PresenceRegistry::memberLeft);
        registry.join(s_room, {u"a.1"_s, u"alice"_s});
        registry.join(s_room, {u"a.1"_s, u"Alice"_s}); // the same member under a new name: no second join
        QCOMPARE(joined.size(), 1);
        QCOMPARE(joined.first().at(0).toString(), s_room);
        QCOMPARE(registry.currentMembers(s_room), (QList<GroupMember>{{u"a.1"_s, u"Alice"_s}}));

        registry.leave(s_room, u"a.1"_s);
        registry.leave(s_room, u"a.1"_s);
        registry.leave(u"chat.nowhere"_s, u"a.1"_s);
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.first().at(1).value<GroupMember>(), (GroupMember{u"a.1"_s, u"Alice"_s}));
        QVERIFY(registry.currentMembers(s_room).isEmpty());
        QCOMPARE(registry.groups(), QStringList{s_room}); // a leave does not make a group
    }

    void membersAreOrderedByNameThenId_data()
    {
        QTest::addColumn<QList<GroupMember>>("joining");
        QTest::addColumn<QStringList>("order");
        QTest::newRow("by name") << QList<GroupMember>{{u"a.1"_s, u"carol"_s},
                                                       {u"a.2"_s, u"alice"_s},
                                                       {u"a.3"_s, u"bob"_s}}
                                 << QStringList{u"a.2"_s, u"a.3"_s, u"a.1"_s};
        QTest::newRow("case does not matter")
            << QList<GroupMember>{{u"a.1"_s, u"bob"_s}, {u"a.2"_s, u"Alice"_s}, {u"a.3"_s, u"CAROL"_s}}
            << QStringList{u"a.2"_s, u"a.1"_s, u"a.3"_s};
        QTest::newRow("same name: by id")
            << QList<GroupMember>{{u"b.1"_s, u"alice"_s}, {u"a.2"_s, u"alice"_s}} << QStringList{u"a.2"_s, u"b.1"_s};
        QTest::newRow("japanese") << QList<GroupMember>{{u"a.1"_s, u"花子"_s}, {u"a.2"_s, u"alice"_s}}
                                  << QStringList{u"a.2"_s, u"a.1"_s};
    }
    void membersAreOrderedByNameThenId()
    {
        QFETCH(QList<GroupMember>, joining);
        QFETCH(QStringList, order);
        PresenceRegistry registry(u"a"_s, true);
        for (const GroupMember &member : joining)
            registry.join(s_room, member);
        QCOMPARE(ids(registry.currentMembers(s_room)), order);
        QStringList answered;
        registry.members(s_room, [&](const QList<GroupMember> &members) { answered = ids(members); });
        QCOMPARE(answered, order);
    }

    void localMembersAreThisDaemons()
    {
        PresenceRegistry registry(u"a"_s, true);
        registry.join(s_room, {u"b.1"_s, u"bob"_s});
        registry.join(s_room, {u"a.1"_s, u"alice"_s});
        registry.join(s_room, {u"ab.1"_s, u"abe"_s});
        QCOMPARE(ids(registry.localMembers(s_room)), QStringList{u"a.1"_s});
        QCOMPARE(registry.currentMembers(s_room).size(), 3);
    }

    /// In-process: there is nobody else to ask, so every group answers at once.
    void readyAtOnceAnswersAtOnce()
    {
        PresenceRegistry registry(u"a"_s, true);
        bool answered = false;
        registry.members(u"chat.new"_s, [&](const QList<GroupMember> &members) {
            answered = true;
            QVERIFY(members.isEmpty());
        });
        QVERIFY(answered);
        QVERIFY(registry.isReady(u"chat.new"_s));
    }

    /// With other daemons, a group's list is known after the first sweep (or when Redis cannot be reached).
    void notReadyAnswersWhenReady()
    {
        PresenceRegistry registry(u"a"_s, false);
        QList<QStringList> answers;
        const auto record = [&](const QList<GroupMember> &members) { answers.append(ids(members)); };
        registry.join(s_room, {u"a.1"_s, u"alice"_s});
        registry.members(s_room, record);
        registry.members(s_room, record);
        QVERIFY(!registry.isReady(s_room));
        QVERIFY(answers.isEmpty());

        registry.setReady(s_room);
        QVERIFY(registry.isReady(s_room));
        QCOMPARE(answers, (QList<QStringList>{{u"a.1"_s}, {u"a.1"_s}}));
        registry.setReady(s_room); // once is enough: nothing is answered twice
        registry.members(s_room, record);
        QCOMPARE(answers.size(), 3);

        registry.setReady(u"chat.unknown"_s); // a group nobody asked about is not made by this
        QVERIFY(!registry.isReady(u"chat.unknown"_s));
    }

    void sweepReconcilesOtherDaemonsMembers()
    {
        PresenceRegistry registry(u"a"_s, false);
        QSignalSpy joined(&registry, &PresenceRegistry::memberJoined);
        QSignalSpy left(&registry, &PresenceRegistry::memberLeft);
        registry.join(s_room, {u"a.1"_s, u"alice"_s});
        registry.join(s_room, {u"b.1"_s, u"bob"_s}); // a report from daemon b
        QStringList answered;
        registry.members(s_room, [&](const QList<GroupMember> &members) { answered = ids(members); });
        joined.clear();

        // The first sweep makes the group ready; what it changes before that is not announced.
        const quint64 first = registry.beginSweep(s_room);
        registry.finishSweep(s_room, first, {{u"b.1"_s, u"bob"_s}, {u"c.1"_s, u"carol"_s}});
        QVERIFY(registry.isReady(s_room));
        QCOMPARE(answered, (QStringList{u"a.1"_s, u"b.1"_s, u"c.1"_s}));
        QVERIFY(joined.isEmpty());

        // Later sweeps announce: b.1's daemon is gone, d.1 was missed; our own a.1 is not theirs to remove.
        const quint64 second = registry.beginSweep(s_room);
        registry.finishSweep(s_room, second, {{u"c.1"_s, u"carol"_s}, {u"d.1"_s, u"dave"_s}});
        QCOMPARE(ids(registry.currentMembers(s_room)), (QStringList{u"a.1"_s, u"c.1"_s, u"d.1"_s}));
        QCOMPARE(spied(left), QStringList{u"b.1"_s});
        QCOMPARE(spied(joined), QStringList{u"d.1"_s});
        // A sweep lists what is shared, ours included; ours are ours to report.
        const quint64 third = registry.beginSweep(s_room);
        registry.finishSweep(s_room, third, {{u"a.9"_s, u"ghost"_s}});
        QCOMPARE(ids(registry.currentMembers(s_room)), QStringList{u"a.1"_s});
    }

    /// A sweep's reads take a while: reports that arrive meanwhile are newer than what it read.
    void reportsNewerThanTheSweepWin()
    {
        PresenceRegistry registry(u"a"_s, false);
        registry.join(s_room, {u"c.1"_s, u"carol"_s});
        registry.setReady(s_room);

        const quint64 sweep = registry.beginSweep(s_room);
        registry.join(s_room, {u"b.1"_s, u"bob"_s}); // joined after the sweep read the registry
        registry.leave(s_room, u"c.1"_s);            // left after the sweep read it
        registry.finishSweep(s_room, sweep, {{u"c.1"_s, u"carol"_s}});
        QCOMPARE(ids(registry.currentMembers(s_room)), QStringList{u"b.1"_s});

        // Settled by the next sweep, which sees the registry as it is now.
        const quint64 next = registry.beginSweep(s_room);
        registry.finishSweep(s_room, next, {});
        QVERIFY(registry.currentMembers(s_room).isEmpty());
    }

    void removedGroupForgetsItsWaiters()
    {
        PresenceRegistry registry(u"a"_s, false);
        bool answered = false;
        registry.members(s_room, [&](const QList<GroupMember> &) { answered = true; });
        const quint64 sweep = registry.beginSweep(s_room);
        registry.removeGroup(s_room);
        QVERIFY(registry.groups().isEmpty());
        registry.finishSweep(s_room, sweep, {{u"b.1"_s, u"bob"_s}}); // the group was left meanwhile
        registry.setReady(s_room);
        QVERIFY(!answered);
        QVERIFY(registry.groups().isEmpty());
    }

    /// What a waiting member does with the list may change the registry (it joins, or the room empties).
    void callbacksMayChangeTheRegistry()
    {
        PresenceRegistry registry(u"a"_s, false);
        QList<QStringList> answers;
        registry.members(s_room, [&](const QList<GroupMember> &members) {
            answers.append(ids(members));
            registry.join(s_room, {u"a.2"_s, u"bob"_s});
            registry.removeGroup(s_room);
        });
        registry.members(s_room, [&](const QList<GroupMember> &members) { answers.append(ids(members)); });
        registry.join(s_room, {u"a.1"_s, u"alice"_s});
        registry.setReady(s_room);
        QCOMPARE(answers, (QList<QStringList>{{u"a.1"_s}, {u"a.1"_s}})); // both get the list as it was
        QVERIFY(registry.groups().isEmpty());
    }

    void clearForgetsEveryGroup()
    {
        PresenceRegistry registry(u"a"_s, true);
        registry.join(s_room, {u"a.1"_s, u"alice"_s});
        registry.join(u"chat.other"_s, {u"a.2"_s, u"bob"_s});
        registry.clear();
        QVERIFY(registry.groups().isEmpty());
        QVERIFY(registry.currentMembers(s_room).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPresenceRegistry)
#include "tst_presenceregistry.moc"
