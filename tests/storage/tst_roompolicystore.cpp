// SPDX-License-Identifier: MIT
// RoomPolicyStore (SQLite schema 7, PostgreSQL schema 6) on an SQLite file and on PostgreSQL: a new room's claim has
// one winner across connections (as across daemons), grants and revokes keep a room that has owners with one,
// direct-message rooms are made once, bans and mutes count while in force, the audit log pages newest first, and
// every write (and only a write that changed something) moves the change counter other daemons poll.
// PostgreSQL runs on a private server the test starts.
#include "backendstores.h"
#include "util/fixturepolicy.h"

#include <QTest>

#include <array>
#include <functional>
#include <latch>
#include <thread>
#include <vector>

using namespace Kaiwa;
using namespace Kaiwa::Server;
using namespace Qt::StringLiterals;

using Role = RoomPolicyStore::Role;
using Result = RoomPolicyStore::Result;
using Restriction = RoomPolicyStore::Restriction;
using AuditEntry = RoomPolicyStore::AuditEntry;

namespace {

/// A time at the store's precision (ms), in UTC as the store gives it back.
QDateTime at(qint64 msecs)
{
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
}

QDateTime now()
{
    return at(QDateTime::currentMSecsSinceEpoch());
}

} // namespace

class TestRoomPolicyStore : public QObject
{
    Q_OBJECT

private:
    KaiwaTest::BackendStores m_backends{u"policies"_s, KaiwaTest::BackendStores::Sqlite::File};

    /// A fresh store of the backend (a new SQLite file or PostgreSQL database each time) with alice, bob and carol.
    std::unique_ptr<MessageStore> openStore(const QString &backend)
    {
        auto store = m_backends.open(backend);
        if (!store)
            return nullptr;
        const auto accounts = store->createAccountStore();
        for (const QString &name : {u"alice"_s, u"bob"_s, u"carol"_s}) {
            if (accounts->addAccount(name, u"hash"_s) != AccountStore::Result::Ok)
                return nullptr;
        }
        return store;
    }

    static constexpr int s_raceRooms = 20;
    static QString raceRoom(int i) { return u"race%1"_s.arg(i); }

    /**
     * Two more connections to the latest store's database, each on a thread of its own as two daemons, run `step` on
     * the rooms raceRoom(0...) side by side, starting together; what each step gave, per side (nothing: failed).
     */
    std::array<std::vector<std::optional<bool>>, 2>
    concurrently(const std::function<std::optional<bool>(RoomPolicyStore &, int, const QString &)> &step)
    {
        std::latch start(2);
        std::array<std::vector<std::optional<bool>>, 2> results;
        const auto run = [&](int side) {
            const auto store = m_backends.openAgain();
            const auto policies = store ? store->createRoomPolicyStore() : nullptr;
            start.arrive_and_wait();
            for (int i = 0; policies && i < s_raceRooms; ++i)
                results[side].push_back(step(*policies, side, raceRoom(i)));
            results[side].resize(s_raceRooms); // nothing for the rooms of a connection that did not open
        };
        std::thread first(run, 0);
        std::thread second(run, 1);
        first.join();
        second.join();
        return results;
    }

private Q_SLOTS:
    void initTestCase() { m_backends.start(); }
    void init()
    {
        if (QByteArrayView(QTest::currentDataTag()) == "postgresql")
            KAIWA_REQUIRE_FIXTURE(m_backends.postgresStarted(), u"PostgreSQL"_s);
    }

    void claimHasOneWinner_data() { KaiwaTest::BackendStores::addRows(); }
    void claimHasOneWinner()
    {
        QFETCH(QString, backend);
        const auto store = openStore(backend);
        QVERIFY(store);
        const auto policies = store->createRoomPolicyStore();
        QVERIFY(policies);
        QCOMPARE(policies->settings(u"lobby"_s), std::optional(RoomPolicyStore::Settings{})); // never configured

        // Two daemons on one database: the first claim makes the owner, the second finds the room taken.
        const auto other = m_backends.openAgain();
        QVERIFY(other);
        const auto otherPolicies = other->createRoomPolicyStore();
        QCOMPARE(policies->claim(u"lobby"_s, u"alice"_s), std::optional(true));
        QCOMPARE(otherPolicies->claim(u"lobby"_s, u"bob"_s), std::optional(false));
        QCOMPARE(policies->claim(u"lobby"_s, u"alice"_s), std::optional(false));
        QCOMPARE(otherPolicies->roles(u"lobby"_s), (QList<RoomPolicyStore::RoleEntry>{{u"alice"_s, Role::Owner}}));
        const auto lobby = otherPolicies->settings(u"lobby"_s);
        QVERIFY(lobby);
        QCOMPARE(lobby->room, u"lobby"_s);
        QCOMPARE(lobby->createdBy, u"alice"_s);
        QVERIFY(!lobby->isPrivate && lobby->topic.isEmpty() && lobby->direct.isEmpty());
        QVERIFY(qAbs(lobby->created.msecsTo(now())) < 60000);
        QCOMPARE(lobby->created.timeSpec(), Qt::UTC);

        // A room the operator configured first has settings, so no join claims it.
        QCOMPARE(policies->setTopic(u"announcements"_s, u"news only"_s), Result::Ok);
        QCOMPARE(policies->claim(u"announcements"_s, u"bob"_s), std::optional(false));
        QCOMPARE(policies->roles(u"announcements"_s)->size(), 0);
        QCOMPARE(policies->settings(u"announcements"_s)->createdBy, QString());

        // Both connections claim the same new rooms at once, as two daemons would: each room gets exactly one owner,
        // the one whose claim said it won.
        const auto won = concurrently([](RoomPolicyStore &claims, int side, const QString &room) {
            return claims.claim(room, side == 0 ? u"alice"_s : u"bob"_s);
        });
        for (int i = 0; i < s_raceRooms; ++i) {
            QVERIFY2(won[0][i] && won[1][i], qPrintable(policies->errorString()));
            QVERIFY(*won[0][i] != *won[1][i]);
            const QString owner = *won[0][i] ? u"alice"_s : u"bob"_s;
            QCOMPARE(policies->roles(raceRoom(i)), (QList<RoomPolicyStore::RoleEntry>{{owner, Role::Owner}}));
        }
    }

    void lastOwnerHoldsAcrossConnections_data() { KaiwaTest::BackendStores::addRows(); }
    void lastOwnerHoldsAcrossConnections()
    {
        QFETCH(QString, backend);
        const auto store = openStore(backend);
        QVERIFY(store);
        const auto policies = store->createRoomPolicyStore();
        for (int i = 0; i < s_raceRooms; ++i) {
            QCOMPARE(policies->grant(raceRoom(i), u"alice"_s, Role::Owner), Result::Ok);
            QCOMPARE(policies->grant(raceRoom(i), u"bob"_s, Role::Owner), Result::Ok);
        }
        // Two daemons at once: one revokes alice, the other bob. Each check of the last owner sees the other's
        // revoke, so one of them wins and the room keeps an owner.
        const auto revoked = concurrently([](RoomPolicyStore &owners, int side, const QString &room) {
            return std::optional(owners.revoke(room, side == 0 ? u"alice"_s : u"bob"_s) == Result::Ok);
        });
        for (int i = 0; i < s_raceRooms; ++i) {
            QVERIFY(revoked[0][i] && revoked[1][i]);
            QVERIFY(*revoked[0][i] != *revoked[1][i]);
            const QString owner = *revoked[0][i] ? u"bob"_s : u"alice"_s;
            QCOMPARE(policies->roles(raceRoom(i)), (QList<RoomPolicyStore::RoleEntry>{{owner, Role::Owner}}));
        }
    }

    void grantAndRevokeKeepAnOwner_data() { KaiwaTest::BackendStores::addRows(); }
    void grantAndRevokeKeepAnOwner()
    {
        QFETCH(QString, backend);
        const auto store = openStore(backend);
        QVERIFY(store);
        const auto policies = store->createRoomPolicyStore();
        QCOMPARE(policies->claim(u"lobby"_s, u"alice"_s), std::optional(true));

        QCOMPARE(policies->grant(u"lobby"_s, u"carol"_s, Role::Member), Result::Ok);
        QCOMPARE(policies->grant(u"lobby"_s, u"bob"_s, Role::Moderator), Result::Ok);
        QCOMPARE(policies->grant(u"lobby"_s, u"nobody"_s, Role::Member), Result::NotFound); // no such account
        QCOMPARE(policies->roles(u"lobby"_s),
                 (QList<RoomPolicyStore::RoleEntry>{
                     {u"alice"_s, Role::Owner}, {u"bob"_s, Role::Moderator}, {u"carol"_s, Role::Member}}));
        QCOMPARE(policies->role(u"lobby"_s, u"bob"_s), std::optional(Role::Moderator));
        QCOMPARE(policies->role(u"lobby"_s, u"nobody"_s), std::optional(Role::None));
        QCOMPARE(policies->role(u"elsewhere"_s, u"bob"_s), std::optional(Role::None));

        // The last owner can be neither revoked nor demoted; with a second owner, either can.
        QCOMPARE(policies->revoke(u"lobby"_s, u"alice"_s), Result::LastOwner);
        QCOMPARE(policies->grant(u"lobby"_s, u"alice"_s, Role::Moderator), Result::LastOwner);
        QCOMPARE(policies->role(u"lobby"_s, u"alice"_s), std::optional(Role::Owner));
        QCOMPARE(policies->grant(u"lobby"_s, u"alice"_s, Role::Owner), Result::Ok); // an owner stays one
        QCOMPARE(policies->grant(u"lobby"_s, u"bob"_s, Role::Owner), Result::Ok);
        QCOMPARE(policies->grant(u"lobby"_s, u"alice"_s, Role::Member), Result::Ok);
        QCOMPARE(policies->revoke(u"lobby"_s, u"bob"_s), Result::LastOwner);
        QCOMPARE(policies->revoke(u"lobby"_s, u"alice"_s), Result::Ok);
        QCOMPARE(policies->revoke(u"lobby"_s, u"alice"_s), Result::NotFound);
        QCOMPARE(policies->revoke(u"nowhere"_s, u"alice"_s), Result::NotFound);
        QCOMPARE(policies->roles(u"lobby"_s),
                 (QList<RoomPolicyStore::RoleEntry>{{u"bob"_s, Role::Owner}, {u"carol"_s, Role::Member}}));
        QCOMPARE(policies->grant(u"lobby"_s, u"bob"_s, Role::None), Result::Failed); // that is revoke()
        QVERIFY(!policies->errorString().isEmpty());

        // A grant in a room without settings makes them (the operator's first grant of an old room).
        QCOMPARE(policies->grant(u"old"_s, u"carol"_s, Role::Owner), Result::Ok);
        QCOMPARE(policies->settings(u"old"_s)->room, u"old"_s);
        QCOMPARE(policies->settings(u"old"_s)->createdBy, QString());
        QCOMPARE(policies->rolesOf(u"carol"_s),
                 (QList<RoomPolicyStore::Membership>{{u"lobby"_s, Role::Member}, {u"old"_s, Role::Owner}}));
        QCOMPARE(policies->rolesOf(u"alice"_s)->size(), 0);

        // Removing an account removes its roles; the room keeps its settings.
        QCOMPARE(store->createAccountStore()->removeAccount(u"carol"_s), AccountStore::Result::Ok);
        QCOMPARE(policies->rolesOf(u"carol"_s)->size(), 0);
        QCOMPARE(policies->roles(u"lobby"_s), (QList<RoomPolicyStore::RoleEntry>{{u"bob"_s, Role::Owner}}));
        QCOMPARE(policies->settings(u"old"_s)->room, u"old"_s);
    }

    void settingsAreKept_data() { KaiwaTest::BackendStores::addRows(); }
    void settingsAreKept()
    {
        QFETCH(QString, backend);
        const auto store = openStore(backend);
        QVERIFY(store);
        const auto policies = store->createRoomPolicyStore();
        QCOMPARE(policies->setPrivate(u"雑談"_s, true), Result::Ok);
        QCOMPARE(policies->setTopic(u"lobby"_s, u"Welcome! 🎉 'quotes' and \"more\""_s), Result::Ok);
        QCOMPARE(policies->setTopic(u"雑談"_s, u"日本語のトピック"_s), Result::Ok);
        QCOMPARE(policies->setPrivate(u"lobby"_s, false), Result::Ok);

        const auto all = policies->allSettings();
        QVERIFY(all);
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->at(0).room, u"lobby"_s);
        QCOMPARE(all->at(0).topic, u"Welcome! 🎉 'quotes' and \"more\""_s);
        QVERIFY(!all->at(0).isPrivate);
        QCOMPARE(all->at(1).room, u"雑談"_s);
        QCOMPARE(all->at(1).topic, u"日本語のトピック"_s);
        QVERIFY(all->at(1).isPrivate);
        QCOMPARE(policies->settings(u"雑談"_s), std::optional(all->at(1)));

        // Clearing the topic and making the room public again.
        QCOMPARE(policies->setTopic(u"雑談"_s, QString()), Result::Ok);
        QCOMPARE(policies->setPrivate(u"雑談"_s, false), Result::Ok);
        QCOMPARE(policies->settings(u"雑談"_s)->topic, u""_s);
        QVERIFY(!policies->settings(u"雑談"_s)->isPrivate);
    }

    void makeDirectIsIdempotent_data() { KaiwaTest::BackendStores::addRows(); }
    void makeDirectIsIdempotent()
    {
        QFETCH(QString, backend);
        const auto store = openStore(backend);
        QVERIFY(store);
        const auto policies = store->createRoomPolicyStore();
        const QString room = u"dm.0123456789abcdef0123456789abcdef"_s;

        QCOMPARE(policies->makeDirect(room, u"bob"_s, u"alice"_s), Result::Ok);
        const auto made = policies->settings(room);
        QVERIFY(made);
        QCOMPARE(made->room, room);
        QVERIFY(made->isPrivate);
        QCOMPARE(made->direct, (QStringList{u"alice"_s, u"bob"_s})); // sorted
        QCOMPARE(made->createdBy, QString());
        QCOMPARE(policies->roles(room),
                 (QList<RoomPolicyStore::RoleEntry>{{u"alice"_s, Role::Member}, {u"bob"_s, Role::Member}}));

        // Again (the second open, the other account's first, another daemon's): nothing changes, nothing is written.
        const auto seq = policies->changeSeq();
        QVERIFY(seq);
        QCOMPARE(policies->makeDirect(room, u"alice"_s, u"bob"_s), Result::Ok);
        QCOMPARE(m_backends.openAgain()->createRoomPolicyStore()->makeDirect(room, u"bob"_s, u"alice"_s), Result::Ok);
        QCOMPARE(policies->changeSeq(), seq);
        QCOMPARE(policies->settings(room), made);
        QCOMPARE(policies->roles(room)->size(), 2);

        // An unknown account makes nothing.
        const QString other = u"dm.fedcba9876543210fedcba9876543210"_s;
        QCOMPARE(policies->makeDirect(other, u"alice"_s, u"nobody"_s), Result::NotFound);
        QCOMPARE(policies->settings(other), std::optional(RoomPolicyStore::Settings{}));
        QCOMPARE(policies->rolesOf(u"alice"_s), (QList<RoomPolicyStore::Membership>{{room, Role::Member}}));
    }

    void restrictionsCountWhileInForce_data() { KaiwaTest::BackendStores::addRows(); }
    void restrictionsCountWhileInForce()
    {
        QFETCH(QString, backend);
        const auto store = openStore(backend);
        QVERIFY(store);
        const auto policies = store->createRoomPolicyStore();
        const QDateTime t = now();

        const Restriction aliceBanned{.kind = Restriction::Kind::Ban,
                                      .subject = u"alice"_s,
                                      .reason = u"spam"_s,
                                      .by = u"bob"_s,
                                      .time = t.addSecs(-30)};
        const Restriction addressMuted{.kind = Restriction::Kind::Mute,
                                       .subjectKind = Restriction::Subject::Address,
                                       .subject = u"2001:db8:1:2::/64"_s,
                                       .until = t.addSecs(3600),
                                       .by = u"(operator)"_s,
                                       .time = t.addSecs(-20)};
        // Imposed earlier, ran out a minute ago: a row whose until is past, as time leaves it.
        const Restriction carolWasBanned{.kind = Restriction::Kind::Ban,
                                         .subject = u"carol"_s,
                                         .until = t.addSecs(-60),
                                         .reason = u"cool down"_s,
                                         .by = u"bob"_s,
                                         .time = t.addSecs(-600)};
        // A mute of the account alice is another restriction than her ban.
        const Restriction aliceMuted{
            .kind = Restriction::Kind::Mute, .subject = u"alice"_s, .by = u"bob"_s, .time = t.addSecs(-10)};
        for (const Restriction &restriction : {aliceBanned, addressMuted, carolWasBanned, aliceMuted})
            QVERIFY2(policies->restrict(u"lobby"_s, restriction), qPrintable(policies->errorString()));

        QCOMPARE(policies->restrictions(u"lobby"_s, t), (QList<Restriction>{aliceMuted, addressMuted, aliceBanned}));
        // A minute and a half earlier carol's ban was in force; in two hours the mute of the address will not be.
        QCOMPARE(policies->restrictions(u"lobby"_s, t.addSecs(-90)),
                 (QList<Restriction>{aliceMuted, addressMuted, aliceBanned, carolWasBanned}));
        QCOMPARE(policies->restrictions(u"lobby"_s, t.addSecs(7200)), (QList<Restriction>{aliceMuted, aliceBanned}));
        QCOMPARE(policies->restrictions(u"elsewhere"_s, t)->size(), 0);

        // Banning again replaces the ban (its expiry, reason, moderator and time).
        Restriction aliceBannedAgain = aliceBanned;
        aliceBannedAgain.until = t.addSecs(300);
        aliceBannedAgain.reason = u"still spam"_s;
        aliceBannedAgain.time = t;
        QVERIFY(policies->restrict(u"lobby"_s, aliceBannedAgain));
        QCOMPARE(policies->restrictions(u"lobby"_s, t),
                 (QList<Restriction>{aliceBannedAgain, aliceMuted, addressMuted}));

        // Lifting: only what is in force counts as lifted.
        QCOMPARE(policies->lift(u"lobby"_s, Restriction::Kind::Ban, Restriction::Subject::Account, u"alice"_s),
                 Result::Ok);
        QCOMPARE(policies->lift(u"lobby"_s, Restriction::Kind::Ban, Restriction::Subject::Account, u"alice"_s),
                 Result::NotFound);
        QCOMPARE(policies->lift(u"lobby"_s, Restriction::Kind::Ban, Restriction::Subject::Account, u"carol"_s),
                 Result::NotFound); // expired
        QCOMPARE(
            policies->lift(u"lobby"_s, Restriction::Kind::Ban, Restriction::Subject::Address, u"2001:db8:1:2::/64"_s),
            Result::NotFound); // muted, not banned
        QCOMPARE(
            policies->lift(u"lobby"_s, Restriction::Kind::Mute, Restriction::Subject::Address, u"2001:db8:1:2::/64"_s),
            Result::Ok);
        QCOMPARE(policies->restrictions(u"lobby"_s, t.addSecs(-90)), (QList<Restriction>{aliceMuted}));
    }

    void auditLogPagesNewestFirst_data() { KaiwaTest::BackendStores::addRows(); }
    void auditLogPagesNewestFirst()
    {
        QFETCH(QString, backend);
        const auto store = openStore(backend);
        QVERIFY(store);
        const auto policies = store->createRoomPolicyStore();
        const QDateTime t = now();

        QList<AuditEntry> lobby;
        for (int i = 0; i < 5; ++i) {
            AuditEntry entry{.time = t.addSecs(i),
                             .room = u"lobby"_s,
                             .actor = i == 0 ? u"(operator)"_s : u"alice"_s,
                             .action = i % 2 ? u"ban"_s : u"topic"_s,
                             .target = i % 2 ? u"bob"_s : QString(),
                             .reason = i % 2 ? u"reason %1"_s.arg(i) : QString(),
                             .detail = i % 2 ? QString() : u"topic %1"_s.arg(i),
                             .until = i == 3 ? t.addSecs(3600) : QDateTime()};
            // Another room's entries in between: their ids are not this room's.
            const auto other = policies->audit(
                AuditEntry{.time = t, .room = u"other"_s, .actor = u"bob"_s, .action = u"kick"_s, .target = u"x"_s});
            QVERIFY(other);
            const auto id = policies->audit(entry);
            QVERIFY2(id, qPrintable(policies->errorString()));
            QVERIFY(*id > *other);
            entry.id = *id;
            lobby.prepend(entry);
        }

        QCOMPARE(policies->auditLog(u"lobby"_s, 0, 2), lobby.mid(0, 2));
        QCOMPARE(policies->auditLog(u"lobby"_s, lobby.at(1).id, 2), lobby.mid(2, 2));
        QCOMPARE(policies->auditLog(u"lobby"_s, lobby.at(3).id, 2), lobby.mid(4, 1));
        QCOMPARE(policies->auditLog(u"lobby"_s, lobby.at(4).id, 2)->size(), 0);
        QCOMPARE(policies->auditLog(u"lobby"_s, 0, 50), lobby);
        QCOMPARE(policies->auditLog(u"lobby"_s, 0, 0)->size(), 0);
        QCOMPARE(policies->auditLog(u"other"_s, 0, 50)->size(), 5);
        QCOMPARE(policies->auditLog(u"nowhere"_s, 0, 50)->size(), 0);

        // An entry without a time gets the store's.
        const auto stamped = policies->audit(AuditEntry{.room = u"lobby"_s, .actor = u"alice"_s, .action = u"kick"_s});
        QVERIFY(stamped);
        const AuditEntry newest = policies->auditLog(u"lobby"_s, 0, 1)->constFirst();
        QCOMPARE(newest.id, *stamped);
        QVERIFY(qAbs(newest.time.msecsTo(now())) < 60000);
    }

    void changeSeqMovesOnEveryWrite_data() { KaiwaTest::BackendStores::addRows(); }
    void changeSeqMovesOnEveryWrite()
    {
        QFETCH(QString, backend);
        const auto store = openStore(backend);
        QVERIFY(store);
        const auto policies = store->createRoomPolicyStore();
        // What another daemon on the same database polls.
        const auto other = m_backends.openAgain();
        QVERIFY(other);
        const auto poller = other->createRoomPolicyStore();
        const auto start = poller->changeSeq();
        QVERIFY2(start, qPrintable(poller->errorString()));
        QCOMPARE(*start, 0);

        qint64 expected = *start;
        const auto moved = [&](bool wrote) {
            expected += wrote ? 1 : 0;
            return poller->changeSeq() == expected;
        };
        const Restriction mute{.kind = Restriction::Kind::Mute, .subject = u"carol"_s, .by = u"alice"_s};
        QVERIFY(moved(policies->claim(u"lobby"_s, u"alice"_s) == true));
        QVERIFY(moved(policies->claim(u"lobby"_s, u"bob"_s) == true)); // taken: no write
        QVERIFY(moved(policies->setTopic(u"lobby"_s, u"hello"_s) == Result::Ok));
        QVERIFY(moved(policies->setPrivate(u"lobby"_s, true) == Result::Ok));
        QVERIFY(moved(policies->grant(u"lobby"_s, u"bob"_s, Role::Moderator) == Result::Ok));
        QVERIFY(moved(policies->grant(u"lobby"_s, u"nobody"_s, Role::Member) == Result::Ok)); // NotFound: no write
        QVERIFY(moved(policies->revoke(u"lobby"_s, u"alice"_s) == Result::Ok));               // LastOwner: no write
        QVERIFY(moved(policies->revoke(u"lobby"_s, u"bob"_s) == Result::Ok));
        QVERIFY(moved(policies->revoke(u"lobby"_s, u"bob"_s) == Result::Ok)); // NotFound: no write
        QVERIFY(moved(policies->restrict(u"lobby"_s, mute)));
        QVERIFY(moved(policies->lift(u"lobby"_s, mute.kind, mute.subjectKind, mute.subject) == Result::Ok));
        QVERIFY(moved(policies->lift(u"lobby"_s, mute.kind, mute.subjectKind, mute.subject) == Result::Ok));
        QVERIFY(moved(
            policies->audit(AuditEntry{.room = u"lobby"_s, .actor = u"alice"_s, .action = u"topic"_s}).has_value()));
        QVERIFY(
            moved(policies->makeDirect(u"dm.00000000000000000000000000000000"_s, u"alice"_s, u"bob"_s) == Result::Ok));
        QCOMPARE(*poller->changeSeq(), *start + 9);
    }
};

QTEST_GUILESS_MAIN(TestRoomPolicyStore)
#include "tst_roompolicystore.moc"
