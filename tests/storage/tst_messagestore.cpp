// SPDX-License-Identifier: MIT
// The one suite every MessageStore backend passes, as tests/layers/tst_channellayer is the one of the
// channel layers: ids per room, idempotency by client_id, paging and its limit, what another connection
// to the same database sees, retention, and what a call costs. It runs against SQLite (a file and
// ":memory:") and against a real PostgreSQL cluster the test makes (initdb in a temporary folder,
// util/postgresprocess.h). What only one backend has stays in its own suite: tst_sqlitemessagestore
// (the file, its write-ahead log and checkpointer, the file lock, schema upgrades, query plans, write
// failures) and tst_postgresmessagestore (schema upgrades, copies of a database, a reconnection to
// another one, a server that is not there).
#include "common/protocol.h"
#include "server/storage/postgresmessagestore.h"
#include "server/storage/sqlitemessagestore.h"
#include "server/storage/sqlsearchindex.h"
#include "storetestsupport.h"
#include "util/fixturepolicy.h"
#include "util/postgresprocess.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <array>
#include <ctime>
#include <functional>
#include <latch>
#include <memory>
#include <thread>

using namespace Kaiwa;
using namespace Kaiwa::Server;
using namespace KaiwaTest;
using namespace Qt::StringLiterals;

class TestMessageStore : public QObject
{
    Q_OBJECT

private:
    /// A new connection to this test's database; closed (open() it). Each ":memory:" store is a database of its own.
    std::unique_ptr<MessageStore> makeStore()
    {
        const QString connection = u"tst-store-%1"_s.arg(++m_connections);
        if (m_backend == "postgresql"_L1)
            return std::make_unique<PostgresMessageStore>(QUrl(m_database), connection);
        return std::make_unique<SqliteMessageStore>(m_database, connection);
    }
    /// What both backends add to MessageStore: the clock and the Qt Sql connection.
    static SqlMessageStore &sql(MessageStore &store) { return static_cast<SqlMessageStore &>(store); }
    /// Stores made by makeStore() share one database (all but ":memory:").
    bool storesShareTheDatabase() const { return m_backend != "sqlite-memory"_L1; }

    PostgresProcess m_postgres;
    bool m_postgresStarted = false;
    int m_postgresDatabases = 0;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_backend;  ///< The global data row: sqlite-file, sqlite-memory or postgresql.
    QString m_database; ///< What makeStore() opens: a path, ":memory:" or a postgresql:// URL.
    int m_connections = 0;

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite file") << u"sqlite-file"_s;
        QTest::newRow("sqlite :memory:") << u"sqlite-memory"_s;
        QTest::newRow("postgresql") << u"postgresql"_s;
    }
    void initTestCase()
    {
        // Retention logs every batch at debug level; the test output stays readable without it.
        QLoggingCategory::setFilterRules(u"kaiwa.server.storage.debug=false\nkaiwa.server.storage.info=false"_s);
        m_postgresStarted = m_postgres.start();
    }
    /// A fresh, empty database for every test.
    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        m_backend = backend;
        if (m_backend == "postgresql"_L1) {
            QVERIFY(PostgresMessageStore::isAvailable());
            KAIWA_REQUIRE_FIXTURE(m_postgresStarted, u"PostgreSQL"_s);
            const QString name = u"kaiwa_%1"_s.arg(++m_postgresDatabases);
            QVERIFY(m_postgres.createDatabase(name));
            m_database = m_postgres.url(name);
        } else if (m_backend == "sqlite-memory"_L1) {
            m_database = u":memory:"_s;
        } else {
            m_dir = std::make_unique<QTemporaryDir>();
            QVERIFY(m_dir->isValid());
            m_database = m_dir->filePath(u"kaiwa.db"_s);
        }
    }
    void cleanup() { m_dir.reset(); }

    void openTwiceFindsTheSchemaReady()
    {
        auto first = makeStore();
        QVERIFY2(first->open(), qPrintable(first->errorString()));
        QCOMPARE(first->backendId(), m_backend == "postgresql"_L1 ? u"postgresql"_s : u"sqlite"_s);
        QVERIFY(sql(*first).isOpen());
        QVERIFY(first->errorString().isEmpty());
        QVERIFY(first->append(message(u"lobby"_s, u"hi"_s)));
        auto second = makeStore(); // on a shared database, the schema is there already
        QVERIFY2(second->open(), qPrintable(second->errorString()));
        QCOMPARE(second->lastId(u"lobby"_s), storesShareTheDatabase() ? 1 : 0);
    }

    void destructorRemovesConnection()
    {
        QString name;
        {
            auto store = makeStore();
            name = sql(*store).connectionName();
            QVERIFY(store->open());
            QVERIFY(QSqlDatabase::contains(name));
        }
        QVERIFY(!QSqlDatabase::contains(name));
    }

    void appendAssignsIdsPerRoom()
    {
        auto store = makeStore();
        QVERIFY(store->open());
        const QList<std::pair<QString, qint64>> expected{
            {u"lobby"_s, 1}, {u"lobby"_s, 2}, {u"雑談"_s, 1}, {u"lobby"_s, 3}, {u"雑談"_s, 2}};
        for (const auto &[room, id] : expected) {
            const ChatMessage sent = message(room, u"hi"_s, u"c-%1"_s.arg(id));
            const auto result = store->append(sent);
            QVERIFY2(result, qPrintable(store->errorString()));
            QVERIFY(!result->duplicate);
            QCOMPARE(result->message.id, id);
            QCOMPARE(result->message.room, room);
            QCOMPARE(result->message.user, sent.user);
            QCOMPARE(result->message.text, sent.text);
            QCOMPARE(result->message.clientId, sent.clientId);
        }
        QCOMPARE(store->lastId(u"lobby"_s), 3);
        QCOMPARE(store->lastId(u"雑談"_s), 2);
        QCOMPARE(store->lastId(u"empty"_s), 0);
        QCOMPARE(store->firstId(u"lobby"_s), 1);
        QCOMPARE(store->firstId(u"empty"_s), 0);
        QCOMPARE(store->rooms().size(), 2);
        QCOMPARE(store->roomStats(u"lobby"_s)->messages, 3);
        QCOMPARE(store->roomStats(u"lobby"_s)->lastId, 3);
        QVERIFY(!store->roomStats(u"empty"_s));
        QVERIFY(!store->append(message(QString(), u"no room"_s)));

        ChatMessage anonymous = message(u"lobby"_s, QString());
        anonymous.user = QString(); // null strings are stored as empty ones
        const auto stored = store->append(anonymous);
        QVERIFY2(stored, qPrintable(store->errorString()));
        QCOMPARE(store->latest(u"lobby"_s, 1).value(0), stored->message);
    }

    void appendSetsTime()
    {
        auto store = makeStore();
        QVERIFY(store->open());
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const auto result = store->append(message(u"lobby"_s, u"now"_s));
        const qint64 after = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(result);
        QVERIFY(result->message.time.isValid());
        QCOMPARE(result->message.time.timeSpec(), Qt::UTC);
        QVERIFY(result->message.time.toMSecsSinceEpoch() >= before);
        QVERIFY(result->message.time.toMSecsSinceEpoch() <= after);
        QCOMPARE(store->latest(u"lobby"_s, 1).value(0), result->message); // stored as returned

        sql(*store).setClock([] { return day(3); });
        const auto fixed = store->append(message(u"lobby"_s, u"then"_s));
        QCOMPARE(fixed->message.time, day(3));
        QCOMPARE(store->roomStats(u"lobby"_s)->lastActivity, day(3));
    }

    void idempotency_data()
    {
        QTest::addColumn<QString>("secondRoom");
        QTest::addColumn<QString>("firstClientId");
        QTest::addColumn<QString>("secondClientId");
        QTest::addColumn<bool>("duplicate");
        QTest::newRow("same room, same client_id") << u"lobby"_s << u"k1"_s << u"k1"_s << true;
        QTest::newRow("same room, other client_id") << u"lobby"_s << u"k1"_s << u"k2"_s << false;
        QTest::newRow("other room, same client_id") << u"other"_s << u"k1"_s << u"k1"_s << false;
        QTest::newRow("no client_id") << u"lobby"_s << QString() << QString() << false;
    }
    void idempotency()
    {
        QFETCH(QString, secondRoom);
        QFETCH(QString, firstClientId);
        QFETCH(QString, secondClientId);
        QFETCH(bool, duplicate);
        auto store = makeStore();
        QVERIFY(store->open());
        fill(*store, u"lobby"_s, 2);
        sql(*store).setClock([] { return day(1); });
        const auto first = store->append(message(u"lobby"_s, u"original"_s, firstClientId));
        QVERIFY(first);
        QCOMPARE(first->message.id, 3);
        fill(*store, u"lobby"_s, 1);
        sql(*store).setClock([] { return day(2); });
        const qint64 roomLastId = store->lastId(secondRoom);

        const auto second = store->append(message(secondRoom, u"retry"_s, secondClientId));
        QVERIFY2(second, qPrintable(store->errorString()));
        QCOMPARE(second->duplicate, duplicate);
        if (duplicate) {
            QCOMPARE(second->message, first->message); // the original: id, text and time
            QCOMPARE(store->lastId(secondRoom), roomLastId);
        } else {
            QCOMPARE(second->message.id, roomLastId + 1);
            QCOMPARE(second->message.text, u"retry"_s);
        }
        QCOMPARE(store->roomStats(u"lobby"_s)->messages, duplicate || secondRoom != "lobby"_L1 ? 4 : 5);
        // No id is used up by a duplicate: the next message takes the one after the last stored.
        const qint64 lobbyLastId = secondRoom == "lobby"_L1 && !duplicate ? 5 : 4;
        QCOMPARE(store->lastId(u"lobby"_s), lobbyLastId);
        QCOMPARE(store->append(message(u"lobby"_s, u"next"_s))->message.id, lobbyLastId + 1);
    }

    void appendAllStoresABatchInOneTransaction()
    {
        auto store = makeStore();
        QVERIFY(store->open());
        fill(*store, u"lobby"_s, 2);
        const auto stored = store->append(message(u"lobby"_s, u"earlier"_s, u"k-earlier"_s));
        QCOMPARE(stored->message.id, 3);

        // Group commit (GroupCommit): two rooms interleaved, a retry of a stored client_id and of one earlier in the
        // same batch, a reply to a message of the batch and one to nothing. Refusals and duplicates take no id.
        auto reply = [](qint64 to) {
            ChatMessage answer = message(u"lobby"_s, u"re"_s, u"k-reply-%1"_s.arg(to));
            answer.replyTo = ReplyQuote{.id = to};
            return answer;
        };
        const QList<MessageStore::PendingAppend> batch = {
            {message(u"lobby"_s, u"a"_s, u"k-a"_s), u"account:alice"_s},
            {message(u"雑談"_s, u"b"_s), QString()},
            {message(u"lobby"_s, u"earlier again"_s, u"k-earlier"_s), QString()},
            {reply(4), QString()},
            {reply(99), QString()},
            {message(u"lobby"_s, u"a again"_s, u"k-a"_s), QString()},
            {message(u"lobby"_s, u"c"_s), QString()},
        };
        const auto results = store->appendAll(batch);
        QVERIFY2(results, qPrintable(store->errorString()));
        QCOMPARE(results->size(), batch.size());
        QCOMPARE(results->at(0).message.id, 4);
        QCOMPARE(results->at(1).message.id, 1);
        QVERIFY(results->at(2).duplicate);
        QCOMPARE(results->at(2).message.id, 3);
        QCOMPARE(results->at(2).message.text, u"earlier"_s);
        QCOMPARE(results->at(3).message.id, 5);
        QCOMPARE(results->at(3).message.replyTo->id, 4);
        QCOMPARE(results->at(3).message.replyTo->excerpt, u"a"_s);
        QCOMPARE(results->at(4).refusal, MessageStore::Refusal::UnknownTarget);
        QVERIFY(results->at(5).duplicate);
        QCOMPARE(results->at(5).message.id, 4);
        QCOMPARE(results->at(6).message.id, 6);

        // Ids stay dense, and the stats count what was stored, also on another connection.
        auto other = storesShareTheDatabase() ? makeStore() : nullptr;
        if (other)
            QVERIFY(other->open());
        MessageStore &reader = other ? *other : *store;
        QCOMPARE(ids(reader.latest(u"lobby"_s, 100)), range(1, 6));
        QCOMPARE(reader.lastId(u"lobby"_s), 6);
        QCOMPARE(reader.roomStats(u"lobby"_s)->messages, 6);
        QCOMPARE(reader.roomStats(u"雑談"_s)->messages, 1);
        QCOMPARE(reader.messageFacts(u"lobby"_s, 4)->author, u"account:alice"_s);
        QCOMPARE(store->append(message(u"lobby"_s, u"next"_s))->message.id, 7);
    }

    void appendAllOfPlainMessages()
    {
        // Without replies PostgreSQL stores the batch in one statement (kaiwa_append_messages); every backend gives
        // the same answers as append() one at a time.
        auto store = makeStore();
        QVERIFY(store->open());
        const auto earlier = store->append(message(u"lobby"_s, u"earlier"_s, u"k-earlier"_s));
        QCOMPARE(earlier->message.id, 1);
        ChatMessage verified = message(u"lobby"_s, u"hello @bob, see the 議事録"_s, u"k-a"_s);
        verified.user = u"alice"_s;
        verified.verified = true;
        const QList<MessageStore::PendingAppend> batch = {
            {verified, u"account:alice"_s},
            {message(u"雑談"_s, u"b"_s, u"k-a"_s), QString()}, // the same client_id in another room is new
            {message(u"lobby"_s, u"earlier again"_s, u"k-earlier"_s), QString()},
            {message(u"lobby"_s, u"a again"_s, u"k-a"_s), QString()},
            {message(u"lobby"_s, u"c"_s), QString()},
        };
        const auto results = store->appendAll(batch);
        QVERIFY2(results, qPrintable(store->errorString()));
        QCOMPARE(results->size(), batch.size());
        QCOMPARE(results->at(0).message.id, 2);
        QVERIFY(!results->at(0).duplicate);
        QCOMPARE(results->at(0).message.mentions, QStringList{u"bob"_s});
        QCOMPARE(results->at(1).message.id, 1);
        QVERIFY(results->at(2).duplicate);
        QCOMPARE(results->at(2).message.id, 1);
        QCOMPARE(results->at(2).message.text, u"earlier"_s);
        QVERIFY(results->at(3).duplicate);
        QCOMPARE(results->at(3).message.id, 2);
        QCOMPARE(results->at(3).message.text, verified.text);
        QCOMPARE(results->at(4).message.id, 3);
        QVERIFY(results->at(4).message.time.isValid());

        QCOMPARE(ids(store->latest(u"lobby"_s, 100)), range(1, 3));
        const ChatMessage stored = store->latest(u"lobby"_s, 100).at(1);
        QCOMPARE(stored.user, u"alice"_s);
        QVERIFY(stored.verified);
        QCOMPARE(stored.clientId, u"k-a"_s);
        QCOMPARE(stored.mentions, QStringList{u"bob"_s});
        QCOMPARE(stored.time, results->at(0).message.time);
        QCOMPARE(store->messageFacts(u"lobby"_s, 2)->author, u"account:alice"_s);
        QCOMPARE(store->roomStats(u"lobby"_s)->messages, 3);
        QCOMPARE(store->lastId(u"雑談"_s), 1);
        QCOMPARE(hitIds(*store->search({u"議事録"_s})), QList<qint64>{2});
        QCOMPARE(store->append(message(u"lobby"_s, u"next"_s))->message.id, 4);
    }

    void appendAllOnTwoConnectionsInOppositeRoomOrders()
    {
        if (!storesShareTheDatabase())
            QSKIP("nobody else can open an in-memory database");
        // Two daemons' batches share rooms, listed in opposite orders: rooms are locked in one order (by name), so
        // PostgreSQL never has to break a deadlock by failing one of them; every id is taken once.
        constexpr int batches = 100;
        std::latch start(2);
        std::array<int, 2> failures{};
        const auto run = [&](int side) {
            auto store = makeStore();
            const bool opened = store->open();
            start.arrive_and_wait();
            for (int i = 0; opened && i < batches; ++i) {
                QList<MessageStore::PendingAppend> batch;
                for (const QString &room : {u"alpha"_s, u"beta"_s, u"gamma"_s})
                    batch.append({message(room, u"%1-%2"_s.arg(side).arg(i)), QString()});
                if (side == 1)
                    std::reverse(batch.begin(), batch.end());
                if (!store->appendAll(batch))
                    ++failures[side];
            }
            if (!opened)
                failures[side] = batches;
        };
        std::thread first(run, 0);
        std::thread second(run, 1);
        first.join();
        second.join();
        QCOMPARE(failures, (std::array<int, 2>{0, 0}));
        auto reader = makeStore();
        QVERIFY(reader->open());
        for (const QString &room : {u"alpha"_s, u"beta"_s, u"gamma"_s}) {
            QCOMPARE(reader->lastId(room), 2 * batches);
            QCOMPARE(ids(reader->before(room, 2 * batches + 1, 1000)), range(1, 2 * batches));
        }
    }

    void appendAllStoresNothingWhenOneMessageFails()
    {
        auto store = makeStore();
        QVERIFY(store->open());
        fill(*store, u"lobby"_s, 2);
        // A message the store cannot take (no room) in the middle: the whole batch is rolled back.
        const QList<MessageStore::PendingAppend> batch = {
            {message(u"lobby"_s, u"a"_s, u"k-a"_s), QString()},
            {message(QString(), u"roomless"_s), QString()},
            {message(u"lobby"_s, u"b"_s), QString()},
        };
        QVERIFY(!store->appendAll(batch));
        QVERIFY(!store->errorString().isEmpty());
        QCOMPARE(store->lastId(u"lobby"_s), 2);
        QCOMPARE(ids(store->latest(u"lobby"_s, 100)), range(1, 2));
        // The store goes on; the retry of the batch's client_id is new, not a duplicate.
        const auto retry = store->append(message(u"lobby"_s, u"a"_s, u"k-a"_s));
        QVERIFY(retry && !retry->duplicate);
        QCOMPARE(retry->message.id, 3);
        QVERIFY(store->appendAll({}).value().isEmpty());
    }

    void editsDeletesAndReactionsChangeTheirTarget()
    {
        auto store = makeStore();
        QVERIFY(store->open());
        const auto original = store->append(message(u"lobby"_s, u"hello @bob, see you at noon"_s), u"account:alice"_s);
        QVERIFY(original);
        const qint64 target = original->message.id;
        QCOMPARE(original->message.mentions, QStringList{u"bob"_s});
        const auto facts = store->messageFacts(u"lobby"_s, target);
        QVERIFY(facts && facts->exists && facts->isMessage && !facts->deleted);
        QCOMPARE(facts->author, u"account:alice"_s);
        QVERIFY(!store->messageFacts(u"lobby"_s, 99)->exists);

        // An edit is an event of its own; the message reads the new text from then on.
        const auto edited = store->appendEvent(
            ChatEditEvent{
                .room = u"lobby"_s, .target = target, .text = u"see you at one, @carol"_s, .user = u"alice"_s},
            u"account:alice"_s);
        QVERIFY2(edited, qPrintable(store->errorString()));
        QCOMPARE(edited->refusal, MessageStore::Refusal::None);
        const auto &editEvent = std::get<ChatEditEvent>(edited->event);
        QCOMPARE(editEvent.id, target + 1);
        QVERIFY(editEvent.time.isValid());
        QCOMPARE(editEvent.mentions, QStringList{u"carol"_s});
        ChatMessage now = store->latest(u"lobby"_s, 10).constLast();
        QCOMPARE(now.id, target);
        QCOMPARE(now.text, u"see you at one, @carol"_s);
        QCOMPARE(now.edited, editEvent.time);
        QCOMPARE(now.mentions, QStringList{u"carol"_s});

        // Reactions: per emoji in the order the first of each came, with who.
        const auto reactAs = [&](const QString &reactor, const QString &emoji, bool added = true) {
            return store->appendEvent(
                ChatReactionEvent{
                    .room = u"lobby"_s, .target = target, .emoji = emoji, .user = reactor, .added = added},
                u"member:"_s + reactor);
        };
        QCOMPARE(reactAs(u"bob"_s, u"👍"_s)->duplicate, false);
        QCOMPARE(reactAs(u"carol"_s, u"🎉"_s)->duplicate, false);
        QCOMPARE(reactAs(u"carol"_s, u"👍"_s)->duplicate, false);
        const auto twice = reactAs(u"bob"_s, u"👍"_s);
        QVERIFY(twice && twice->duplicate);
        const auto notHeld = reactAs(u"bob"_s, u"🎉"_s, false);
        QVERIFY(notHeld && notHeld->duplicate);
        const qint64 beforeUnreact = store->lastId(u"lobby"_s);
        const auto takenBack = reactAs(u"carol"_s, u"🎉"_s, false);
        QVERIFY(takenBack && !takenBack->duplicate);
        QCOMPARE(RoomEvents::id(takenBack->event), beforeUnreact + 1);
        QCOMPARE(std::get<ChatReactionEvent>(takenBack->event).added, false);
        now = store->latest(u"lobby"_s, 10).constLast();
        QCOMPARE(now.reactions, (QList<ReactionSummary>{{u"👍"_s, 2, {u"bob"_s, u"carol"_s}}}));

        // A reply quotes the current text; an event is no message to answer or react to.
        ChatMessage answer = message(u"lobby"_s, u"one is fine"_s);
        answer.user = u"bob"_s;
        answer.replyTo = ReplyQuote{.id = target};
        const auto reply = store->append(answer, u"member:bob"_s);
        QVERIFY(reply && reply->refusal == MessageStore::Refusal::None);
        QCOMPARE(reply->message.replyTo, (ReplyQuote{target, u"alice"_s, u"see you at one, @carol"_s, false}));
        answer.replyTo = ReplyQuote{.id = editEvent.id};
        QCOMPARE(store->append(answer, u"member:bob"_s)->refusal, MessageStore::Refusal::UnknownTarget);
        QCOMPARE(reactAs(u"bob"_s, u"👀"_s)->refusal, MessageStore::Refusal::None);
        QCOMPARE(
            store
                ->appendEvent(
                    ChatReactionEvent{.room = u"lobby"_s, .target = editEvent.id, .emoji = u"👀"_s, .user = u"bob"_s},
                    u"member:bob"_s)
                ->refusal,
            MessageStore::Refusal::UnknownTarget);

        // Every event in id order; up to an id, messages only (their state shows the rest).
        const QList<RoomEvent> all = store->events(u"lobby"_s, 0, 0, 100);
        QCOMPARE(all.size(), qsizetype(store->lastId(u"lobby"_s)));
        for (qsizetype i = 0; i < all.size(); ++i)
            QCOMPARE(RoomEvents::id(all.at(i)), i + 1);
        QVERIFY(std::holds_alternative<ChatEditEvent>(all.at(1)));
        const qint64 replyId = reply->message.id;
        const QList<RoomEvent> messagesThenEvents = store->events(u"lobby"_s, 0, replyId, 100);
        QCOMPARE(messagesThenEvents.size(), 3); // the message, the reply, the reaction after it
        QVERIFY(std::holds_alternative<ChatReactionEvent>(messagesThenEvents.last()));
        QCOMPARE(std::get<ChatMessage>(messagesThenEvents.first()).reactions.size(), 2);
        QCOMPARE(store->after(u"lobby"_s, 0, 100).size(), 2); // messages only
        QCOMPARE(store->roomState(u"lobby"_s, 1).latestStart, replyId - 1);
        QCOMPARE(store->roomState(u"lobby"_s, 2).latestStart, target - 1);
        QCOMPARE(store->roomState(u"lobby"_s, 50).latestStart, 0);
        const MessageStore::RoomState state = store->roomState(u"lobby"_s, 0);
        QCOMPARE(state.lastId, store->lastId(u"lobby"_s));
        QCOMPARE(state.latestStart, state.lastId); // no latest messages asked for: nothing before the last id
        QCOMPARE(state.epoch, store->epoch(u"lobby"_s));

        // A delete: the text is gone from the message, its edits and its replies' quotes; its reactions go.
        const auto removed = store->appendEvent(
            ChatDeleteEvent{.room = u"lobby"_s, .target = target, .user = u"alice"_s, .clientId = u"d1"_s},
            u"account:alice"_s);
        QVERIFY(removed && removed->refusal == MessageStore::Refusal::None);
        const QList<ChatMessage> after = store->latest(u"lobby"_s, 10);
        QCOMPARE(after.first().deleted, true);
        QCOMPARE(after.first().text, QString());
        QVERIFY(after.first().reactions.isEmpty());
        QVERIFY(after.first().mentions.isEmpty());
        QCOMPARE(after.last().replyTo, (ReplyQuote{target, u"alice"_s, QString(), true}));
        const auto oldEdit = std::get<ChatEditEvent>(store->events(u"lobby"_s, target, 0, 1).first());
        QCOMPARE(oldEdit.text, QString());
        QCOMPARE(oldEdit.deleted, true);
        QVERIFY(oldEdit.mentions.isEmpty());
        QVERIFY(store->messageFacts(u"lobby"_s, target)->deleted);
        // Nothing more may happen to it; a retried delete is the same delete.
        const auto retried = store->appendEvent(
            ChatDeleteEvent{.room = u"lobby"_s, .target = target, .user = u"alice"_s, .clientId = u"d1"_s},
            u"account:alice"_s);
        QVERIFY(retried && retried->duplicate);
        QCOMPARE(RoomEvents::id(retried->event), RoomEvents::id(removed->event));
        QCOMPARE(reactAs(u"bob"_s, u"👍"_s)->refusal, MessageStore::Refusal::DeletedTarget);
        answer.replyTo = ReplyQuote{.id = target};
        QCOMPARE(store->append(answer, u"member:bob"_s)->refusal, MessageStore::Refusal::DeletedTarget);
        const auto unknown = store->appendEvent(
            ChatEditEvent{.room = u"lobby"_s, .target = 999, .text = u"x"_s, .user = u"alice"_s}, u"account:alice"_s);
        QCOMPARE(unknown->refusal, MessageStore::Refusal::UnknownTarget);
        // Refusals use no id up.
        QCOMPARE(store->lastId(u"lobby"_s), RoomEvents::id(removed->event));
        // Events are not messages: the room holds two (the tombstone and the reply).
        QCOMPARE(store->roomStats(u"lobby"_s)->messages, 2);
    }

    void retentionTakesTheEventsOfWhatItDeletes()
    {
        auto store = makeStore();
        QVERIFY(store->open());
        fill(*store, u"lobby"_s, 3);
        QVERIFY(store->appendEvent(
            ChatReactionEvent{.room = u"lobby"_s, .target = 1, .emoji = u"👍"_s, .user = u"bob"_s}, u"member:bob"_s));
        QVERIFY(store->appendEvent(
            ChatEditEvent{.room = u"lobby"_s, .target = 2, .text = u"two, later"_s, .user = u"alice"_s},
            u"member:alice"_s));
        QVERIFY(store->appendEvent(
            ChatEditEvent{.room = u"lobby"_s, .target = 3, .text = u"three, later"_s, .user = u"alice"_s},
            u"member:alice"_s));
        QCOMPARE(store->roomStats(u"lobby"_s)->messages, 3);
        RetentionPolicy policy;
        policy.maxMessagesPerRoom = 1;
        QVERIFY(store->enforceRetention(policy, 100) > 0);
        // Messages 1 and 2 went, and with them what was about them; message 3 and its edit stay.
        const QList<RoomEvent> left = store->events(u"lobby"_s, 0, 0, 100);
        QCOMPARE(left.size(), 2);
        QCOMPARE(std::get<ChatMessage>(left.first()).text, u"three, later"_s);
        QCOMPARE(RoomEvents::id(left.last()), 6);
        QCOMPARE(store->roomStats(u"lobby"_s)->messages, 1);
        QCOMPARE(store->lastId(u"lobby"_s), 6);
    }

    void reactionsAreBounded()
    {
        auto store = makeStore();
        QVERIFY(store->open());
        const qint64 target = store->append(message(u"lobby"_s, u"vote"_s))->message.id;
        const auto emoji = [](int i) {
            return QString::fromUcs4(std::array<char32_t, 1>{char32_t(0x1F600 + i)}.data(), 1);
        };
        const auto react = [&](const QString &reactor, int i) {
            const auto result = store->appendEvent(
                ChatReactionEvent{.room = u"lobby"_s, .target = target, .emoji = emoji(i), .user = reactor},
                u"member:"_s + reactor);
            return result ? result->refusal : MessageStore::Refusal::UnknownTarget;
        };
        // One person: ten different emoji.
        for (int i = 0; i < Protocol::maxReactionsPerReactor; ++i)
            QCOMPARE(react(u"ann"_s, i), MessageStore::Refusal::None);
        QCOMPARE(react(u"ann"_s, 10), MessageStore::Refusal::TooManyReactions);
        // One message: twenty different emoji; more of those it holds are fine.
        for (int i = 10; i < Protocol::maxReactionsPerMessage; ++i)
            QCOMPARE(react(u"ben"_s, i), MessageStore::Refusal::None);
        QCOMPARE(react(u"cid"_s, 20), MessageStore::Refusal::TooManyReactions);
        QCOMPARE(react(u"cid"_s, 0), MessageStore::Refusal::None);
        const ChatMessage now = store->latest(u"lobby"_s, 1).constFirst();
        QCOMPARE(now.reactions.size(), Protocol::maxReactionsPerMessage);
        QCOMPARE(now.reactions.first().count, 2);
    }

    void roomsHaveEpochs()
    {
        auto store = makeStore();
        QVERIFY(store->open());
        // Asked before anything is stored (a first join): made now, and kept by the history that follows.
        const QString lobby = store->epoch(u"lobby"_s);
        QVERIFY2(QRegularExpression(u"^[0-9a-f]{32}$"_s).match(lobby).hasMatch(), qPrintable(lobby));
        QCOMPARE(store->epoch(u"lobby"_s), lobby);
        QVERIFY(store->rooms().isEmpty()); // not a room to list until it holds a message
        QCOMPARE(store->lastId(u"lobby"_s), 0);
        fill(*store, u"lobby"_s, 2);
        fill(*store, u"garden"_s, 1);
        QCOMPARE(store->epoch(u"lobby"_s), lobby);
        QCOMPARE(store->latest(u"lobby"_s, 5).constFirst().id, 1); // ids start at 1 all the same
        QVERIFY(store->epoch(u"garden"_s) != lobby);
        fill(*store, u"lobby"_s, 1);
        QCOMPARE(store->epoch(u"lobby"_s), lobby);
        // A first join reads the room's state before anything is stored: its epoch is made then, as by epoch().
        const MessageStore::RoomState hall = store->roomState(u"hall"_s, 50);
        QCOMPARE(hall.lastId, 0);
        QCOMPARE(hall.latestStart, 0);
        QVERIFY2(QRegularExpression(u"^[0-9a-f]{32}$"_s).match(hall.epoch).hasMatch(), qPrintable(hall.epoch));
        QVERIFY(hall.epoch != lobby);
        QCOMPARE(store->epoch(u"hall"_s), hall.epoch);
        fill(*store, u"hall"_s, 3);
        const MessageStore::RoomState filled = store->roomState(u"hall"_s, 2);
        QCOMPARE(filled.epoch, hall.epoch);
        QCOMPARE(filled.lastId, 3);
        QCOMPARE(filled.latestStart, 1);
        if (storesShareTheDatabase()) {
            auto other = makeStore();
            QVERIFY(other->open());
            QCOMPARE(other->epoch(u"lobby"_s), lobby);
        }
    }

    void paging_data()
    {
        QTest::addColumn<QString>("function");
        QTest::addColumn<QString>("room");
        QTest::addColumn<qint64>("anchor");
        QTest::addColumn<int>("limit");
        QTest::addColumn<QList<qint64>>("expected");
        const QString lobby = u"lobby"_s;
        QTest::newRow("latest 5") << u"latest"_s << lobby << 0LL << 5 << range(16, 20);
        QTest::newRow("latest more than held") << u"latest"_s << lobby << 0LL << 50 << range(1, 20);
        QTest::newRow("latest limit 0") << u"latest"_s << lobby << 0LL << 0 << QList<qint64>();
        QTest::newRow("latest negative limit") << u"latest"_s << lobby << 0LL << -3 << QList<qint64>();
        QTest::newRow("latest unknown room") << u"latest"_s << u"nowhere"_s << 0LL << 5 << QList<qint64>();
        QTest::newRow("before 10, 3") << u"before"_s << lobby << 10LL << 3 << range(7, 9);
        QTest::newRow("before 3, 10") << u"before"_s << lobby << 3LL << 10 << range(1, 2);
        QTest::newRow("before 1") << u"before"_s << lobby << 1LL << 10 << QList<qint64>();
        QTest::newRow("before 0") << u"before"_s << lobby << 0LL << 10 << QList<qint64>();
        QTest::newRow("before past the end") << u"before"_s << lobby << 1000LL << 2 << range(19, 20);
        QTest::newRow("after 0, 3") << u"after"_s << lobby << 0LL << 3 << range(1, 3);
        QTest::newRow("after 18, 10") << u"after"_s << lobby << 18LL << 10 << range(19, 20);
        QTest::newRow("after last") << u"after"_s << lobby << 20LL << 10 << QList<qint64>();
        QTest::newRow("after limit 0") << u"after"_s << lobby << 0LL << 0 << QList<qint64>();
        QTest::newRow("other room") << u"after"_s << u"other"_s << 0LL << 100 << range(1, 7);
    }
    void paging()
    {
        QFETCH(QString, function);
        QFETCH(QString, room);
        QFETCH(qint64, anchor);
        QFETCH(int, limit);
        QFETCH(QList<qint64>, expected);
        auto store = makeStore();
        QVERIFY(store->open());
        for (int i = 0; i < 20; ++i) {
            QVERIFY(store->append(message(u"lobby"_s, u"l%1"_s.arg(i))));
            if (i % 3 == 0)
                QVERIFY(store->append(message(u"other"_s, u"o%1"_s.arg(i))));
        }
        QList<ChatMessage> page;
        if (function == "latest"_L1)
            page = store->latest(room, limit);
        else if (function == "before"_L1)
            page = store->before(room, anchor, limit);
        else
            page = store->after(room, anchor, limit);
        QCOMPARE(ids(page), expected);
        for (const ChatMessage &m : std::as_const(page)) {
            QCOMPARE(m.room, room);
            QCOMPARE(m.user, u"alice"_s);
            QVERIFY(m.time.isValid());
        }
        QVERIFY(store->errorString().isEmpty());
    }

    void limitIsClamped()
    {
        auto store = makeStore();
        QVERIFY(store->open());
        fill(*store, u"lobby"_s, SqlMessageStore::MaxPageSize + 50);
        QCOMPARE(store->latest(u"lobby"_s, 1'000'000).size(), SqlMessageStore::MaxPageSize);
        QCOMPARE(store->after(u"lobby"_s, 0, std::numeric_limits<int>::max()).size(), SqlMessageStore::MaxPageSize);
        QCOMPARE(store->before(u"lobby"_s, 100'000, 5000).size(), SqlMessageStore::MaxPageSize);
    }

    void pagingVisitsEveryIdOnce()
    {
        constexpr int total = 10'000;
        auto store = makeStore();
        QVERIFY(store->open());
        fill(*store, u"lobby"_s, total);
        fill(*store, u"other"_s, 10);

        QSet<qint64> seen;
        QList<ChatMessage> page = store->latest(u"lobby"_s, 137);
        while (!page.isEmpty()) {
            for (qsizetype i = 0; i < page.size(); ++i) {
                QVERIFY(i == 0 || page[i - 1].id < page[i].id); // oldest first
                QVERIFY2(!seen.contains(page[i].id), "id visited twice");
                seen.insert(page[i].id);
            }
            page = store->before(u"lobby"_s, page.first().id, 137);
        }
        QCOMPARE(seen.size(), total);
        QCOMPARE(*std::min_element(seen.cbegin(), seen.cend()), 1);
        QCOMPARE(*std::max_element(seen.cbegin(), seen.cend()), total);

        qint64 cursor = 0;
        qint64 forward = 0;
        for (page = store->after(u"lobby"_s, 0, 500); !page.isEmpty(); page = store->after(u"lobby"_s, cursor, 500)) {
            QCOMPARE(page.first().id, cursor + 1);
            cursor = page.last().id;
            forward += page.size();
        }
        QCOMPARE(forward, total);
    }

    void persistsAcrossReopen()
    {
        if (!storesShareTheDatabase())
            QSKIP("an in-memory database ends with its connection");
        QList<ChatMessage> stored;
        {
            auto store = makeStore();
            QVERIFY(store->open());
            for (int i = 0; i < 3; ++i)
                stored.append(store->append(message(u"lobby"_s, u"m%1"_s.arg(i), u"k%1"_s.arg(i)))->message);
            QVERIFY(store->append(message(u"other"_s, u"x"_s)));
        }
        auto store = makeStore();
        QVERIFY2(store->open(), qPrintable(store->errorString()));
        QCOMPARE(store->lastId(u"lobby"_s), 3);
        QCOMPARE(store->latest(u"lobby"_s, 10), stored);
        const auto duplicate = store->append(message(u"lobby"_s, u"again"_s, u"k1"_s));
        QVERIFY(duplicate && duplicate->duplicate);
        QCOMPARE(duplicate->message, stored.at(1));
        QCOMPARE(store->append(message(u"lobby"_s, u"m3"_s))->message.id, 4);
        QCOMPARE(store->append(message(u"other"_s, u"y"_s))->message.id, 2);
    }

    /// Daemons that share a database (a file on one machine, PostgreSQL across machines) agree on ids.
    void sharedDatabaseAgreesOnIds()
    {
        if (!storesShareTheDatabase())
            QSKIP("nobody else can open an in-memory database");
        auto first = makeStore();
        auto second = makeStore();
        QVERIFY(first->open());
        QVERIFY(second->open());
        for (int i = 1; i <= 10; ++i) {
            MessageStore &store = i % 2 ? *first : *second;
            QCOMPARE(store.append(message(u"lobby"_s, u"m%1"_s.arg(i), u"k%1"_s.arg(i)))->message.id, i);
        }
        QCOMPARE(second->append(message(u"雑談"_s, u"x"_s))->message.id, 1);
        QCOMPARE(ids(first->latest(u"lobby"_s, 100)), range(1, 10));
        QCOMPARE(first->latest(u"lobby"_s, 100).last().text, u"m10"_s);
        QCOMPARE(first->latest(u"雑談"_s, 10).value(0).room, u"雑談"_s);
        QCOMPARE(second->lastId(u"lobby"_s), 10);

        // A client_id one connection stored is a duplicate on the other: the original comes back.
        const auto again = second->append(message(u"lobby"_s, u"m1 again"_s, u"k1"_s));
        QVERIFY(again && again->duplicate);
        QCOMPARE(again->message.id, 1);
        QCOMPARE(again->message.text, u"m1"_s);
        QCOMPARE(first->append(message(u"lobby"_s, u"next"_s))->message.id, 11);
    }

    void retentionByCount_data()
    {
        QTest::addColumn<int>("batch");
        QTest::newRow("batch 1") << 1;
        QTest::newRow("batch 4") << 4;
        QTest::newRow("batch 1000") << 1000;
    }
    void retentionByCount()
    {
        QFETCH(int, batch);
        auto store = makeStore();
        QVERIFY(store->open());
        fill(*store, u"a"_s, 25);
        fill(*store, u"b"_s, 5);
        fill(*store, u"c"_s, 12);
        const RetentionPolicy policy{10, 0};

        int total = 0;
        for (int round = 0; round < 100; ++round) {
            const int deleted = store->enforceRetention(policy, batch);
            QVERIFY2(deleted >= 0, qPrintable(store->errorString()));
            QVERIFY(deleted <= batch);
            if (deleted == 0)
                break;
            total += deleted;
        }
        QCOMPARE(total, 15 + 2);
        QCOMPARE(ids(store->latest(u"a"_s, 100)), range(16, 25));
        QCOMPARE(ids(store->latest(u"b"_s, 100)), range(1, 5));
        QCOMPARE(ids(store->latest(u"c"_s, 100)), range(3, 12));
        QCOMPARE(store->firstId(u"a"_s), 16);
        QCOMPARE(store->lastId(u"a"_s), 25);
        QCOMPARE(store->roomStats(u"a"_s)->messages, 10);
        QCOMPARE(store->roomStats(u"c"_s)->messages, 10);
        QCOMPARE(store->append(message(u"a"_s, u"next"_s))->message.id, 26);
        QCOMPARE(store->enforceRetention(RetentionPolicy{}, 100), 0);
        QCOMPARE(store->enforceRetention(policy, 0), 0);
    }

    void retentionByAge()
    {
        auto store = makeStore();
        QVERIFY(store->open());
        sql(*store).setClock([] { return day(0); });
        fill(*store, u"a"_s, 5);
        fill(*store, u"b"_s, 5);
        sql(*store).setClock([] { return day(10); });
        fill(*store, u"a"_s, 5);
        fill(*store, u"b"_s, 5);

        sql(*store).setClock([] { return day(20); });
        const RetentionPolicy policy{0, 15};
        QList<int> batches;
        for (int deleted = -1; deleted != 0;) {
            deleted = store->enforceRetention(policy, 3);
            QVERIFY2(deleted >= 0, qPrintable(store->errorString()));
            batches.append(deleted);
        }
        QCOMPARE(batches, (QList<int>{3, 3, 3, 1, 0}));
        QCOMPARE(ids(store->latest(u"a"_s, 100)), range(6, 10));
        QCOMPARE(store->firstId(u"b"_s), 6);
        QCOMPARE(store->roomStats(u"b"_s)->messages, 5);

        // Everything expires: the rooms disappear from the list, but ids go on.
        sql(*store).setClock([] { return day(40); });
        QCOMPARE(store->enforceRetention(policy, 1000), 10);
        QVERIFY(store->rooms().isEmpty());
        QVERIFY(!store->roomStats(u"a"_s));
        QCOMPARE(store->firstId(u"a"_s), 0);
        QCOMPARE(store->lastId(u"a"_s), 10);
        QCOMPARE(store->append(message(u"a"_s, u"fresh"_s))->message.id, 11);
        QCOMPARE(store->rooms().size(), 1);

        // Both limits in one call share the batch.
        fill(*store, u"a"_s, 20);
        sql(*store).setClock([] { return day(60); });
        QCOMPARE(store->enforceRetention(RetentionPolicy{5, 15}, 100), 21);
    }

    // Full-text search (docs/protocol.md, "Search"): what matches, newest first, in pages; the index follows edits,
    // deletes and retention in the same transaction.
    /// The rows the search index holds (SQLite: also the messages not yet moved to FTS5, which searches read):
    /// gone means gone, not hidden.
    qint64 indexRows(MessageStore &store)
    {
        QSqlQuery query(QSqlDatabase::database(sql(store).connectionName(), false));
        const QString count = m_backend == "postgresql"_L1 ? u"SELECT count(*) FROM message_search"_s
                                                           : u"SELECT (SELECT count(*) FROM message_search) + "
                                                             "(SELECT count(*) FROM messages AS m JOIN rooms AS r "
                                                             "ON r.room = m.room AND m.id > r.search_indexed "
                                                             "WHERE m.kind = 0 AND m.deleted = 0)"_s;
        if (!query.exec(count) || !query.next())
            return -1;
        return query.value(0).toLongLong();
    }
    static QList<qint64> hitIds(const MessageStore::SearchPage &page)
    {
        QList<qint64> result;
        for (const MessageStore::SearchHit &hit : page.hits)
            result.append(hit.message.id);
        return result;
    }

    void searchFindsShortJapaneseWordsAndFoldsWidthAndCase()
    {
        auto store = makeStore();
        QVERIFY(store->open());
        QVERIFY(store->append(message(u"lobby"_s, u"今日は雑談しよう"_s)));
        QVERIFY(store->append(message(u"lobby"_s, u"ABC: we deploy today"_s)));
        QVERIFY(store->append(message(u"雑談"_s, u"雑音がひどい"_s)));
        QVERIFY(store->append(message(u"garden"_s, u"Die Straße"_s)));

        auto page = store->search({u"雑談"_s});
        QVERIFY2(page, qPrintable(store->errorString()));
        QCOMPARE(page->hits.size(), 1);
        QCOMPARE(page->hits.constFirst().message.text, u"今日は雑談しよう"_s);
        QCOMPARE(page->hits.constFirst().message.room, u"lobby"_s);
        QCOMPARE(page->hits.constFirst().highlights, QList<SearchText::Span>{SearchText::Span(3, 2)});
        QVERIFY(!page->more);
        // One character finds both, newest first.
        page = store->search({u"雑"_s});
        QCOMPARE(page->hits.size(), 2);
        QCOMPARE(page->hits.at(0).message.room, u"雑談"_s);
        QCOMPARE(page->hits.at(1).message.room, u"lobby"_s);
        QVERIFY(page->hits.at(0).position > page->hits.at(1).position);
        // Width and case, word prefixes (not the inside of a word), and every term must match.
        QCOMPARE(hitIds(*store->search({u"ＡＢＣ"_s})), QList<qint64>{2});
        QCOMPARE(store->search({u"ＡＢＣ"_s})->hits.constFirst().highlights,
                 QList<SearchText::Span>{SearchText::Span(0, 3)});
        QCOMPARE(hitIds(*store->search({u"DEP"_s})), QList<qint64>{2});
        QVERIFY(store->search({u"ploy"_s})->hits.isEmpty());
        QVERIFY(store->search({u"deploy 雑談"_s})->hits.isEmpty());
        QCOMPARE(store->search({u"STRASSE"_s})->hits.size(), 1);
        // A room filter, an unknown room, a query without terms.
        QCOMPARE(store->search({u"雑"_s, u"lobby"_s})->hits.size(), 1);
        QCOMPARE(store->search({u"雑"_s, u"lobby"_s})->hits.constFirst().message.text, u"今日は雑談しよう"_s);
        QVERIFY(store->search({u"雑"_s, u"nowhere"_s})->hits.isEmpty());
        QVERIFY(store->search({u" ?! "_s})->hits.isEmpty());
    }

    void searchFindsTheCurrentTextOnly()
    {
        auto store = makeStore();
        QVERIFY(store->open());
        const auto original = store->append(message(u"lobby"_s, u"the old plan"_s), u"account:alice"_s);
        QVERIFY(original);
        const qint64 id = original->message.id;
        QVERIFY(store->appendEvent(
            ChatReactionEvent{.room = u"lobby"_s, .target = id, .emoji = u"👍"_s, .user = u"bob"_s}, u"member:bob"_s));
        QVERIFY(store->appendEvent(
            ChatEditEvent{.room = u"lobby"_s, .target = id, .text = u"the new 計画"_s, .user = u"alice"_s},
            u"account:alice"_s));
        QVERIFY(store->search({u"old"_s})->hits.isEmpty());
        // Found by its new text, once (the edit event is no result), in its current state.
        const auto page = store->search({u"計画 new"_s});
        QCOMPARE(hitIds(*page), QList<qint64>{id});
        QCOMPARE(page->hits.constFirst().message.text, u"the new 計画"_s);
        QVERIFY(page->hits.constFirst().message.edited.isValid());
        QCOMPARE(page->hits.constFirst().message.reactions.size(), 1);
        QCOMPARE(page->hits.constFirst().highlights,
                 (QList<SearchText::Span>{SearchText::Span(4, 3), SearchText::Span(8, 2)}));
        QCOMPARE(indexRows(*store), 1);

        QVERIFY(store->appendEvent(ChatDeleteEvent{.room = u"lobby"_s, .target = id, .user = u"alice"_s},
                                   u"account:alice"_s));
        QVERIFY(store->search({u"new"_s})->hits.isEmpty());
        QCOMPARE(indexRows(*store), 0); // gone from the index, not hidden
        // A later message does not take the deleted one's place.
        QVERIFY(store->append(message(u"lobby"_s, u"a newer one"_s)));
        QCOMPARE(hitIds(*store->search({u"new"_s, u"lobby"_s, id + 1})), QList<qint64>());
        QCOMPARE(store->search({u"new"_s})->hits.size(), 1);
    }

    void searchPagesNewestFirst()
    {
        auto store = makeStore();
        QVERIFY(store->open());
        for (int i = 1; i <= 25; ++i) {
            QVERIFY(store->append(message(u"lobby"_s, u"note %1"_s.arg(i))));
            if (i % 5 == 0)
                QVERIFY(store->append(message(u"garden"_s, u"note from the garden"_s)));
        }
        // Every room: positions, opaque, every match once.
        QList<qint64> positions;
        qint64 before = 0;
        for (int round = 0; round < 10; ++round) {
            const auto page = store->search({u"note"_s, {}, before, 7});
            QVERIFY2(page, qPrintable(store->errorString()));
            for (const MessageStore::SearchHit &hit : page->hits)
                positions.append(hit.position);
            if (!page->more) {
                QCOMPARE(page->nextBefore, 0);
                break;
            }
            QCOMPARE(page->hits.size(), 7);
            QCOMPARE(page->nextBefore, page->hits.constLast().position);
            before = page->nextBefore;
        }
        QCOMPARE(positions.size(), 30);
        QVERIFY(std::is_sorted(positions.rbegin(), positions.rend()));
        QCOMPARE(QSet<qint64>(positions.begin(), positions.end()).size(), 30);
        // One room: message ids.
        QList<qint64> lobby;
        before = 0;
        for (int round = 0; round < 10; ++round) {
            const auto page = store->search({u"note"_s, u"lobby"_s, before, 10});
            lobby += hitIds(*page);
            if (!page->more)
                break;
            QCOMPARE(page->nextBefore, page->hits.constLast().message.id);
            before = page->nextBefore;
        }
        QList<qint64> expected = range(1, 25);
        std::reverse(expected.begin(), expected.end());
        QCOMPARE(lobby, expected);
        QCOMPARE(hitIds(*store->search({u"note"_s, u"lobby"_s, 3, 10})), (QList<qint64>{2, 1}));
    }

    void searchMatchesShortWordsWholeAndLongerOnesByTheirStart()
    {
        // Checked in SQLite's tail, then again once the messages are in FTS5 (PostgreSQL: the same answers).
        auto store = makeStore();
        QVERIFY(store->open());
        QVERIFY(store->append(message(u"lobby"_s, u"we build it"_s)));
        QVERIFY(store->append(message(u"lobby"_s, u"bu"_s)));
        QVERIFY(store->append(message(u"lobby"_s, u"deploy now"_s)));
        QVERIFY(store->append(message(u"lobby"_s, u"今日は雑談"_s)));
        for (int round = 0; round < 2; ++round) {
            QCOMPARE(hitIds(*store->search({u"bu"_s})), QList<qint64>{2});
            QCOMPARE(hitIds(*store->search({u"bui"_s})), QList<qint64>{1});
            QCOMPARE(hitIds(*store->search({u"dep"_s})), QList<qint64>{3});
            QVERIFY(store->search({u"de"_s})->hits.isEmpty());
            QCOMPARE(hitIds(*store->search({u"雑"_s})), QList<qint64>{4});
            QCOMPARE(hitIds(*store->search({u"今"_s})), QList<qint64>{4});
            for (int i = 0; i < SqlSearchIndex::IndexBatch; ++i)
                QVERIFY(store->append(message(u"garden"_s, u"filler"_s)));
        }
    }

    void searchFindsRowsOnBothSidesOfTheIndexBatch()
    {
        // SQLite keeps the newest messages out of FTS5 until SqlSearchIndex::IndexBatch of them are there: a search
        // reads both, newest first, and edits and deletes reach both (PostgreSQL has one table: the same answers).
        auto store = makeStore();
        QVERIFY(store->open());
        // A millisecond apart: newest first is then one order (the same millisecond in two rooms is not ordered).
        qint64 tick = 0;
        sql(*store).setClock([&tick] { return day(1).addMSecs(++tick); });
        const int count = SqlSearchIndex::IndexBatch + 30;
        for (int i = 1; i <= count; ++i)
            QVERIFY(store->append(message(i % 2 ? u"lobby"_s : u"garden"_s, u"雑談 %1"_s.arg(i)), u"member:a"_s));
        QCOMPARE(indexRows(*store), count);
        QList<QString> texts;
        qint64 before = 0;
        for (int round = 0; round < 100; ++round) {
            const auto page = store->search({u"雑談"_s, {}, before, 100});
            QVERIFY2(page, qPrintable(store->errorString()));
            for (const MessageStore::SearchHit &hit : page->hits)
                texts.append(hit.message.text);
            if (!page->more)
                break;
            before = page->nextBefore;
        }
        QCOMPARE(texts.size(), count);
        for (int i = 0; i < count; ++i)
            QCOMPARE(texts.at(i), u"雑談 %1"_s.arg(count - i));
        // The first message (moved to FTS5 long ago) and the last (still in the tail): edited, then deleted.
        const qint64 last = store->lastId(u"garden"_s);
        for (const auto &[room, id] : {std::pair{u"lobby"_s, qint64(1)}, std::pair{u"garden"_s, last}}) {
            QVERIFY(store->appendEvent(ChatEditEvent{.room = room, .target = id, .text = u"会議"_s, .user = u"a"_s},
                                       u"member:a"_s));
        }
        QCOMPARE(store->search({u"会議"_s})->hits.size(), 2);
        QCOMPARE(store->search({u"雑談"_s, {}, 0, 100})->hits.size(), 100);
        for (const auto &[room, id] : {std::pair{u"lobby"_s, qint64(1)}, std::pair{u"garden"_s, last}})
            QVERIFY(store->appendEvent(ChatDeleteEvent{.room = room, .target = id, .user = u"a"_s}, u"member:a"_s));
        QVERIFY(store->search({u"会議"_s})->hits.isEmpty());
        QCOMPARE(indexRows(*store), count - 2);
    }

    void indexedRowsAreFoundByTheirMessage()
    {
        // Past IndexBatch the messages are in FTS5 (SQLite): edits, deletes, a room's pages and retention find a
        // message's index row from the message alone.
        auto store = makeStore();
        QVERIFY(store->open());
        qint64 tick = 0;
        sql(*store).setClock([&tick] { return day(1).addMSecs(++tick); });
        for (int i = 1; i <= SqlSearchIndex::IndexBatch; ++i)
            QVERIFY(store->append(message(u"lobby"_s, u"note %1"_s.arg(i)), u"member:a"_s));
        QVERIFY(store->appendEvent(ChatEditEvent{.room = u"lobby"_s, .target = 400, .text = u"plan"_s, .user = u"a"_s},
                                   u"member:a"_s));
        QVERIFY(store->appendEvent(ChatDeleteEvent{.room = u"lobby"_s, .target = 500, .user = u"a"_s}, u"member:a"_s));
        QCOMPARE(hitIds(*store->search({u"plan"_s})), QList<qint64>{400});
        QCOMPARE(hitIds(*store->search({u"note"_s, u"lobby"_s, 400, 3})), (QList<qint64>{399, 398, 397}));
        // Below a message without an index row (deleted).
        QCOMPARE(hitIds(*store->search({u"note"_s, u"lobby"_s, 500, 3})), (QList<qint64>{499, 498, 497}));
        while (store->enforceRetention(RetentionPolicy{10, 0}, 100) > 0) { }
        QSqlQuery query(QSqlDatabase::database(sql(*store).connectionName(), false));
        QVERIFY(query.exec(u"SELECT count(*) FROM message_search AS s "
                           "WHERE NOT EXISTS (SELECT 1 FROM messages AS m WHERE m.room = s.room AND m.id = s.id)"_s));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toLongLong(), 0);
        QVERIFY(query.exec(u"SELECT count(*) FROM messages WHERE kind = 0 AND NOT deleted"_s));
        QVERIFY(query.next());
        QVERIFY(query.value(0).toLongLong() <= 10);
        QCOMPARE(store->search({u"note"_s, u"lobby"_s, 0, 100})->hits.size(), query.value(0).toLongLong());
    }

    void retentionTakesIndexRowsWithItsMessages()
    {
        auto store = makeStore();
        QVERIFY(store->open());
        fill(*store, u"lobby"_s, 12);
        QCOMPARE(indexRows(*store), 12);
        QVERIFY(store->enforceRetention(RetentionPolicy{5, 0}, 100) > 0);
        QCOMPARE(indexRows(*store), 5);
        QCOMPARE(hitIds(*store->search({u"message"_s, u"lobby"_s})), (QList<qint64>{12, 11, 10, 9, 8}));
    }

    void measureCost()
    {
        // Not asserted (machines differ); reported for the record. CPU time next to wall time,
        // because wall time swings with whatever else the machine runs (PostgreSQL's own work is
        // in its server process: only the client's share is CPU here).
        constexpr int count = 2000;
        auto store = makeStore();
        QVERIFY(store->open());
        // `each` calls of `body`, each doing `per` of what is measured: the figures are per one of those.
        const auto measure = [](const char *what, int each, const std::function<void()> &body, int per = 1) {
            QElapsedTimer wall;
            const std::clock_t cpu = std::clock();
            wall.start();
            for (int i = 0; i < each; ++i)
                body();
            const double wallUs = wall.nsecsElapsed() / 1000.0 / each / per;
            const double cpuUs = double(std::clock() - cpu) * 1e6 / CLOCKS_PER_SEC / each / per;
            qInfo("%s: %.1f us wall, %.1f us CPU each", what, wallUs, cpuUs);
        };
        int i = 0;
        measure("append with client_id", count, [&] {
            const auto m =
                message(u"room%1"_s.arg(i % 10), u"a typical chat line of some length"_s, u"client-%1"_s.arg(i));
            ++i;
            QVERIFY(store->append(m));
        });
        measure("append without client_id", count, [&] {
            QVERIFY(store->append(message(u"room%1"_s.arg(++i % 10), u"a typical chat line of some length"_s)));
        });
        for (const int size : {8, 64}) {
            // Group commit: the cost of one message of a batch (the call stores `size`).
            const QByteArray what = "appendAll, per message of a batch of " + QByteArray::number(size);
            measure(
                what.constData(), count / size,
                [&] {
                    QList<MessageStore::PendingAppend> batch;
                    for (int k = 0; k < size; ++k, ++i)
                        batch.append({message(u"room%1"_s.arg(i % 10), u"a typical chat line of some length"_s,
                                              u"client-%1"_s.arg(i)),
                                      QString()});
                    QCOMPARE(store->appendAll(batch).value().size(), size);
                },
                size);
        }
        measure("latest(50)", 1000, [&] { QCOMPARE(store->latest(u"room3"_s, 50).size(), 50); });
        measure("enforceRetention with nothing to delete", 1000, [&] {
            QCOMPARE(store->enforceRetention(RetentionPolicy{100'000, 365}, 500), 0);
        });
    }
};

QTEST_GUILESS_MAIN(TestMessageStore)
#include "tst_messagestore.moc"
