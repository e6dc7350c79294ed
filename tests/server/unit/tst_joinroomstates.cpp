// SPDX-License-Identifier: MIT
// JoinRoomStates on a real SQLite file: a room's state is read once per turn of the event loop, and a write of the
// store, the append worker's commit (forget()) or the end of the turn makes the next join read it afresh. A second
// connection to the same file stands for a write the kept state cannot know of, which shows what is kept.
#include "server/consumers/joinroomstates.h"
#include "server/storage/messagestoreregistry.h"

#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kaiwa;
using namespace Kaiwa::Server;

class TestJoinRoomStates : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_directory;
    std::unique_ptr<MessageStore> m_store; ///< The daemon's.
    std::unique_ptr<MessageStore> m_other; ///< Another connection to the same file.

    static void append(MessageStore *store, const QString &room, const QString &text)
    {
        ChatMessage message;
        message.room = room;
        message.user = u"alice"_s;
        message.text = text;
        QVERIFY2(store->append(message, {}), qPrintable(store->errorString()));
    }
    /// Lets the loop finish its turn: what was posted at its end runs.
    static void endTurn() { QCoreApplication::sendPostedEvents(); }
    int m_publicEpochs = 0; ///< Epochs made public since init().
    /// Counts what it makes: the stored epoch behind "public:".
    JoinRoomStates::PublicEpoch publicEpoch()
    {
        return [this](const QString &, const QString &stored) {
            ++m_publicEpochs;
            return u"public:"_s + stored;
        };
    }

private Q_SLOTS:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(u"kaiwa.server.storage.info=false"_s);
        QVERIFY(m_directory.isValid());
    }

    void init()
    {
        m_other.reset();
        m_store.reset();
        const QString file = m_directory.filePath(u"kaiwa.sqlite"_s);
        QFile::remove(file);
        m_store = createMessageStore(file);
        QVERIFY(m_store && m_store->open());
        m_other = createMessageStore(file);
        QVERIFY(m_other && m_other->open());
        append(m_store.get(), u"lobby"_s, u"one"_s);
        m_publicEpochs = 0;
    }

    /// Joins of one turn read the room once: the second does not see what another connection stored meanwhile.
    void keepsARoomsStateForTheTurn()
    {
        JoinRoomStates states(m_store.get(), true, publicEpoch());
        const auto first = states.read(u"lobby"_s, 10);
        QCOMPARE(first.lastId, 1);
        QVERIFY(!first.epoch.isEmpty());
        append(m_other.get(), u"lobby"_s, u"two"_s);
        QCOMPARE(states.read(u"lobby"_s, 10).lastId, 1);
        QCOMPARE(states.read(u"lobby"_s, 10).epoch, first.epoch);
        endTurn();
        QCOMPARE(states.read(u"lobby"_s, 10).lastId, 2);
    }

    /// A write of the daemon's own store (a message, an edit, retention) drops what the turn kept.
    void aWriteOfItsStoreDropsWhatWasKept()
    {
        JoinRoomStates states(m_store.get(), true, publicEpoch());
        QCOMPARE(states.read(u"lobby"_s, 10).lastId, 1);
        QCOMPARE(states.read(u"hall"_s, 10).lastId, 0);
        append(m_store.get(), u"lobby"_s, u"two"_s);
        QCOMPARE(states.read(u"lobby"_s, 10).lastId, 2);
        // The hall's state was dropped too: another connection's message there is seen.
        append(m_other.get(), u"hall"_s, u"three"_s);
        QCOMPARE(states.read(u"hall"_s, 10).lastId, 1); // ids count per room
    }

    /// The append worker writes on a connection of its own: its commit is told by forget().
    void forgetDropsWhatWasKept()
    {
        JoinRoomStates states(m_store.get(), true, publicEpoch());
        QCOMPARE(states.read(u"lobby"_s, 10).lastId, 1);
        append(m_other.get(), u"lobby"_s, u"two"_s);
        states.forget();
        QCOMPARE(states.read(u"lobby"_s, 10).lastId, 2);
    }

    /// Where the latest messages start depends on how many: another count is another read.
    void anotherCountIsReadAgain()
    {
        append(m_store.get(), u"lobby"_s, u"two"_s);
        append(m_store.get(), u"lobby"_s, u"three"_s);
        JoinRoomStates states(m_store.get(), true, publicEpoch());
        QCOMPARE(states.read(u"lobby"_s, 1).latestStart, 2);
        QCOMPARE(states.read(u"lobby"_s, 2).latestStart, 1);
        QCOMPARE(states.read(u"lobby"_s, 10).latestStart, 0);
    }

    /// The public epoch is a hash: made again only when the stored epoch is another, not at every turn.
    void publicEpochIsMadeOncePerStoredEpoch()
    {
        JoinRoomStates states(m_store.get(), true, publicEpoch());
        const QString expected = u"public:"_s + m_store->epoch(u"lobby"_s);
        QCOMPARE(states.read(u"lobby"_s, 10).epoch, expected);
        endTurn();
        append(m_store.get(), u"lobby"_s, u"two"_s);
        const auto again = states.read(u"lobby"_s, 10);
        QCOMPARE(again.lastId, 2);
        QCOMPARE(again.epoch, expected);
        QCOMPARE(m_publicEpochs, 1);
        QCOMPARE(states.read(u"hall"_s, 10).epoch, u"public:"_s + m_store->epoch(u"hall"_s));
        QCOMPARE(m_publicEpochs, 2);
    }

    /// On a shared layer (Redis) every join reads its room afresh, after it entered the room's group.
    void disabledReadsEveryJoin()
    {
        JoinRoomStates states(m_store.get(), false, publicEpoch());
        QCOMPARE(states.read(u"lobby"_s, 10).lastId, 1);
        append(m_other.get(), u"lobby"_s, u"two"_s);
        QCOMPARE(states.read(u"lobby"_s, 10).lastId, 2);
        QCOMPARE(m_publicEpochs, 2);
    }
};

QTEST_GUILESS_MAIN(TestJoinRoomStates)
#include "tst_joinroomstates.moc"
