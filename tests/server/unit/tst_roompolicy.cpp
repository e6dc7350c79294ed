// SPDX-License-Identifier: MIT
// RoomPolicy, each daemon's cache over the room settings, on a real SQLite file written by a second store as
// another daemon or the operator's CLI would: what it caches, what its poll of the change counter signals (and that
// it does not signal what refresh() already read), who may see or enter a private room and a direct message, and
// that without a store every room is public and no direct message opens.
#include "server/consumers/roompolicy.h"
#include "server/storage/accountstore.h"
#include "server/storage/messagestoreregistry.h"

#include "common/roomname.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Kaiwa;
using namespace Kaiwa::Server;
using namespace Qt::StringLiterals;

class TestRoomPolicy : public QObject
{
    Q_OBJECT

    QTemporaryDir m_directory;
    std::unique_ptr<MessageStore> m_daemonStore;
    std::unique_ptr<MessageStore> m_operatorStore;
    std::unique_ptr<RoomPolicyStore> m_operator; ///< Writes as the CLI does, behind the policy's back.
    std::unique_ptr<RoomPolicy> m_policy;
    QStringList m_inUse;

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_directory.isValid());
        const QString file =
            m_directory.filePath(u"policy%1.sqlite"_s.arg(QString::fromLatin1(QTest::currentTestFunction())));
        m_daemonStore = createMessageStore(file);
        m_operatorStore = createMessageStore(file);
        QVERIFY(m_daemonStore && m_daemonStore->open() && m_operatorStore && m_operatorStore->open());
        const auto accounts = m_operatorStore->createAccountStore();
        for (const QString &name : {u"alice"_s, u"bob"_s, u"carol"_s})
            QCOMPARE(accounts->addAccount(name, u"hash"_s), AccountStore::Result::Ok);
        m_operator = m_operatorStore->createRoomPolicyStore();
        m_policy = std::make_unique<RoomPolicy>(m_daemonStore->createRoomPolicyStore());
        QVERIFY(m_operator && m_policy->store());
        m_inUse = {u"club"_s};
        // A long interval: the test polls by hand.
        m_policy->start(std::chrono::hours(1), [this](const QString &room) { return m_inUse.contains(room); });
    }

    void cleanup()
    {
        m_policy.reset();
        m_operator.reset();
        m_operatorStore.reset();
        m_daemonStore.reset();
    }

    void pollSignalsWhatChanged()
    {
        QCOMPARE(m_operator->claim(u"club"_s, u"alice"_s), std::optional(true));
        QCOMPARE(m_policy->role(u"club"_s, u"alice"_s), RoomRole::Owner); // cached now
        QSignalSpy settings(m_policy.get(), &RoomPolicy::settingsChanged);
        QSignalSpy roles(m_policy.get(), &RoomPolicy::roleChanged);

        QCOMPARE(m_operator->setTopic(u"club"_s, u"Fridays"_s), RoomPolicyStore::Result::Ok);
        QCOMPARE(m_operator->grant(u"club"_s, u"bob"_s, RoomPolicyStore::Role::Moderator), RoomPolicyStore::Result::Ok);
        // The cache answers as before until the poll reads the counter.
        QCOMPARE(m_policy->settings(u"club"_s).topic, QString());
        m_policy->poll();
        QCOMPARE(settings.size(), 1);
        QCOMPARE(settings.at(0).at(0).toString(), u"club"_s);
        QCOMPARE(settings.at(0).at(1).value<RoomPolicy::Settings>().topic, u"Fridays"_s);
        QCOMPARE(roles.size(), 1);
        QCOMPARE(roles.at(0).at(1).toString(), u"bob"_s);
        QCOMPARE(roles.at(0).at(2).value<RoomRole>(), RoomRole::Moderator);
        QCOMPARE(m_policy->role(u"club"_s, u"bob"_s), RoomRole::Moderator);

        // Nothing changed: nothing signalled.
        m_policy->poll();
        QCOMPARE(settings.size(), 1);
        QCOMPARE(roles.size(), 1);

        // A revoke is a role of None.
        QCOMPARE(m_operator->revoke(u"club"_s, u"bob"_s), RoomPolicyStore::Result::Ok);
        m_policy->poll();
        QCOMPARE(roles.size(), 2);
        QCOMPARE(roles.at(1).at(2).value<RoomRole>(), RoomRole::None);

        // What refresh() read (a change heard of through the layer) is not announced again by the poll.
        QCOMPARE(m_operator->setPrivate(u"club"_s, true), RoomPolicyStore::Result::Ok);
        m_policy->refresh(u"club"_s);
        QVERIFY(m_policy->settings(u"club"_s).isPrivate);
        m_policy->poll();
        QCOMPARE(settings.size(), 1);
    }

    void roomsNotInUseAreReadAfresh()
    {
        QCOMPARE(m_operator->setTopic(u"quiet"_s, u"old"_s), RoomPolicyStore::Result::Ok);
        QCOMPARE(m_policy->settings(u"quiet"_s).topic, u"old"_s);
        QSignalSpy settings(m_policy.get(), &RoomPolicy::settingsChanged);
        QCOMPARE(m_operator->setTopic(u"quiet"_s, u"new"_s), RoomPolicyStore::Result::Ok);
        m_policy->poll();
        // Nobody here is in it: nobody to tell, but the next question reads the store again.
        QCOMPARE(settings.size(), 0);
        QCOMPARE(m_policy->settings(u"quiet"_s).topic, u"new"_s);
    }

    /**
     * More rooms in use than the cache's bound (10,000 on a daemon at 100,000 connections) stay cached, and a new
     * room does not walk them all again: the trim waits until the cache doubled. Rooms nobody is in still go.
     */
    void roomsInUseBeyondTheBoundStayWithoutRewalks()
    {
        constexpr qsizetype busy = RoomPolicy::MaxCachedRooms + 1904; // 6,000
        qsizetype asked = 0;
        RoomPolicy policy(m_daemonStore->createRoomPolicyStore());
        policy.start(std::chrono::hours(1), [&asked](const QString &room) {
            ++asked;
            return room.startsWith("busy"_L1);
        });
        QCOMPARE(m_operator->setTopic(u"busy0"_s, u"old"_s), RoomPolicyStore::Result::Ok);
        QCOMPARE(m_operator->setTopic(u"idle0"_s, u"old"_s), RoomPolicyStore::Result::Ok);
        for (qsizetype i = 0; i < busy; ++i)
            QVERIFY(policy.mayEnter(u"busy%1"_s.arg(i), QString(), QHostAddress::LocalHost).verdict
                    == RoomPolicy::Entry::Verdict::Allowed);
        // The first trim at 4,096 kept them all; the next waits for 8,192 rooms: 2,192 idle ones.
        for (qsizetype i = 0; i < 3000; ++i)
            QCOMPARE(policy.settings(u"idle%1"_s.arg(i)).topic, i == 0 ? u"old"_s : QString());
        // Walked twice (4,096 then 8,192 rooms), not once per room beyond the bound (about 30 million times).
        QCOMPARE(asked, RoomPolicy::MaxCachedRooms * 3);

        QCOMPARE(m_operator->setTopic(u"busy0"_s, u"new"_s), RoomPolicyStore::Result::Ok);
        QCOMPARE(m_operator->setTopic(u"idle0"_s, u"new"_s), RoomPolicyStore::Result::Ok);
        QCOMPARE(policy.settings(u"busy0"_s).topic, u"old"_s); // still cached (a poll would read it again)
        QCOMPARE(policy.settings(u"idle0"_s).topic, u"new"_s); // trimmed: read afresh
    }

    void privateRoomsAndDirectMessages()
    {
        const QHostAddress address(u"192.0.2.7"_s);
        QCOMPARE(m_operator->claim(u"club"_s, u"alice"_s), std::optional(true));
        QCOMPARE(m_operator->grant(u"club"_s, u"bob"_s, RoomPolicyStore::Role::Member), RoomPolicyStore::Result::Ok);
        QCOMPARE(m_operator->setPrivate(u"club"_s, true), RoomPolicyStore::Result::Ok);
        using Verdict = RoomPolicy::Entry::Verdict;
        QCOMPARE(m_policy->mayEnter(u"club"_s, u"bob"_s, address).verdict, Verdict::Allowed);
        QCOMPARE(m_policy->mayEnter(u"club"_s, u"carol"_s, address).verdict, Verdict::NotFound);
        QCOMPARE(m_policy->mayEnter(u"club"_s, QString(), address).verdict, Verdict::NotFound);
        QVERIFY(!m_policy->maySee(u"club"_s, u"carol"_s));
        QVERIFY(m_policy->maySee(u"never_used"_s, QString()));

        // A direct-message room is closed to everyone but its two accounts, also before it is made.
        const QString direct = RoomName::directName(u"alice"_s, u"bob"_s);
        QCOMPARE(m_policy->mayEnter(direct, u"alice"_s, address).verdict, Verdict::NotFound);
        QCOMPARE(m_operator->makeDirect(direct, u"alice"_s, u"bob"_s), RoomPolicyStore::Result::Ok);
        m_policy->refresh(direct);
        QCOMPARE(m_policy->mayEnter(direct, u"alice"_s, address).verdict, Verdict::Allowed);
        QCOMPARE(m_policy->mayEnter(direct, u"bob"_s, address).verdict, Verdict::Allowed);
        QCOMPARE(m_policy->mayEnter(direct, u"carol"_s, address).verdict, Verdict::NotFound);
        QCOMPARE(m_policy->settings(direct).direct, (QStringList{u"alice"_s, u"bob"_s}));

        // A ban of the account: Banned, with the ban.
        RoomPolicyStore::Restriction ban;
        ban.subject = u"bob"_s;
        ban.by = u"alice"_s;
        ban.reason = u"spam"_s;
        QVERIFY(m_operator->restrict(u"club"_s, ban));
        m_policy->refresh(u"club"_s);
        const RoomPolicy::Entry banned = m_policy->mayEnter(u"club"_s, u"bob"_s, address);
        QCOMPARE(banned.verdict, Verdict::Banned);
        QCOMPARE(banned.ban->reason, u"spam"_s);
    }

    void withoutStore()
    {
        RoomPolicy policy(nullptr);
        using Verdict = RoomPolicy::Entry::Verdict;
        QCOMPARE(policy.mayEnter(u"club"_s, QString(), QHostAddress()).verdict, Verdict::Allowed);
        QCOMPARE(policy.mayEnter(RoomName::directName(u"alice"_s, u"bob"_s), u"alice"_s, QHostAddress()).verdict,
                 Verdict::NotFound);
        QCOMPARE(policy.role(u"club"_s, u"alice"_s), RoomRole::None);
        QVERIFY(policy.settings(u"club"_s).room.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRoomPolicy)
#include "tst_roompolicy.moc"
