// SPDX-License-Identifier: MIT
// PostgresMessageStore against a real PostgreSQL cluster that the fixture creates (initdb in a
// temporary folder, a free port). The semantics are SqliteMessageStore's (tst_sqlitemessagestore).
#include "server/storage/postgresmessagestore.h"
#include "util/fixturepolicy.h"
#include "util/postgresprocess.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Kaiwa;
using namespace Kaiwa::Server;
using namespace KaiwaTest;
using namespace Qt::StringLiterals;

class TestPostgresMessageStore : public QObject
{
    Q_OBJECT

    PostgresProcess m_postgres;
    bool m_started = false;
    int m_databases = 0;
    QString m_url;
    int m_connections = 0;

    std::unique_ptr<PostgresMessageStore> makeStore()
    {
        return std::make_unique<PostgresMessageStore>(QUrl(m_url), u"pg-test-%1"_s.arg(++m_connections));
    }
    static ChatMessage message(const QString &room, const QString &text, const QString &clientId = {})
    {
        return ChatMessage{0, room, u"alice"_s, {}, text, clientId};
    }
    static QList<qint64> ids(const QList<ChatMessage> &messages)
    {
        QList<qint64> result;
        for (const ChatMessage &m : messages)
            result.append(m.id);
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(PostgresMessageStore::isAvailable());
        m_started = m_postgres.start();
    }
    void init()
    {
        KAIWA_REQUIRE_FIXTURE(m_started, u"PostgreSQL"_s);
        const QString name = u"kaiwa_%1"_s.arg(++m_databases);
        QVERIFY(m_postgres.createDatabase(name));
        m_url = m_postgres.url(name);
    }

    void openCreatesSchemaOnce()
    {
        auto first = makeStore();
        QVERIFY2(first->open(), qPrintable(first->errorString()));
        QCOMPARE(first->backendId(), u"postgresql"_s);
        auto second = makeStore(); // finds the schema ready
        QVERIFY2(second->open(), qPrintable(second->errorString()));
        QVERIFY(PostgresMessageStore::schemaVersion() >= 1);
    }

    void appendAssignsIdsPerRoomAcrossConnections()
    {
        auto a = makeStore();
        auto b = makeStore(); // two daemons sharing the database
        QVERIFY(a->open() && b->open());
        QCOMPARE(a->append(message(u"lobby"_s, u"1"_s))->message.id, 1);
        QCOMPARE(b->append(message(u"lobby"_s, u"2"_s))->message.id, 2);
        QCOMPARE(b->append(message(u"雑談"_s, u"x"_s))->message.id, 1);
        const auto third = a->append(message(u"lobby"_s, u"3"_s));
        QCOMPARE(third->message.id, 3);
        QVERIFY(third->message.time.isValid());
        QCOMPARE(b->lastId(u"lobby"_s), 3);
        QCOMPARE(ids(b->latest(u"lobby"_s, 10)), (QList<qint64>{1, 2, 3}));
        QCOMPARE(b->latest(u"lobby"_s, 10).last().text, u"3"_s);
        QCOMPARE(b->latest(u"lobby"_s, 10).last().user, u"alice"_s);
        QCOMPARE(a->latest(u"雑談"_s, 10).first().room, u"雑談"_s);
    }

    void idempotencyAcrossConnections()
    {
        auto a = makeStore();
        auto b = makeStore();
        QVERIFY(a->open() && b->open());
        const auto original = a->append(message(u"lobby"_s, u"hello"_s, u"cid-1"_s));
        QVERIFY(original && !original->duplicate);
        const auto again = b->append(message(u"lobby"_s, u"hello again"_s, u"cid-1"_s));
        QVERIFY(again && again->duplicate);
        QCOMPARE(again->message.id, original->message.id);
        QCOMPARE(again->message.text, u"hello"_s);
        QCOMPARE(again->message.clientId, u"cid-1"_s);
        // Same key in another room is another message; ids stay dense after a duplicate.
        QCOMPARE(b->append(message(u"other"_s, u"x"_s, u"cid-1"_s))->duplicate, false);
        QCOMPARE(a->append(message(u"lobby"_s, u"next"_s))->message.id, original->message.id + 1);
        QCOMPARE(a->latest(u"lobby"_s, 10).size(), 2);
    }

    void paging()
    {
        auto store = makeStore();
        QVERIFY(store->open());
        for (int i = 1; i <= 25; ++i)
            QVERIFY(store->append(message(u"r"_s, QString::number(i))));
        QCOMPARE(ids(store->latest(u"r"_s, 3)), (QList<qint64>{23, 24, 25}));
        QCOMPARE(ids(store->before(u"r"_s, 5, 3)), (QList<qint64>{2, 3, 4}));
        QCOMPARE(ids(store->after(u"r"_s, 22, 10)), (QList<qint64>{23, 24, 25}));
        QCOMPARE(store->firstId(u"r"_s), 1);
        QCOMPARE(store->lastId(u"nothing"_s), 0);
        QVERIFY(store->latest(u"nothing"_s, 10).isEmpty());
        const auto stats = store->roomStats(u"r"_s);
        QVERIFY(stats);
        QCOMPARE(stats->messages, 25);
        QCOMPARE(stats->lastId, 25);
        QCOMPARE(store->rooms().size(), 1);
    }

    void retention()
    {
        auto store = makeStore();
        QVERIFY(store->open());
        QDateTime clock = QDateTime::currentDateTimeUtc().addDays(-10);
        store->setClock([&] { return clock; });
        for (int i = 0; i < 10; ++i)
            QVERIFY(store->append(message(u"old"_s, u"x"_s)));
        clock = QDateTime::currentDateTimeUtc();
        for (int i = 0; i < 30; ++i)
            QVERIFY(store->append(message(u"busy"_s, u"x"_s)));
        QCOMPARE(store->enforceRetention(RetentionPolicy{20, 0}, 4), 4);
        QCOMPARE(store->enforceRetention(RetentionPolicy{20, 0}, 100), 6);
        QCOMPARE(store->roomStats(u"busy"_s)->messages, 20);
        QCOMPARE(store->firstId(u"busy"_s), 11);
        QCOMPARE(store->enforceRetention(RetentionPolicy{0, 7}, 100), 10);
        QVERIFY(!store->roomStats(u"old"_s)); // empty rooms are not listed
        QCOMPARE(store->lastId(u"old"_s), 10); // but keep their last id
        QCOMPARE(store->append(message(u"old"_s, u"x"_s))->message.id, 11);
    }

    void unreachableServerFails()
    {
        PostgresMessageStore store(QUrl(u"postgresql://kaiwa@127.0.0.1:1/none?connect_timeout=2"_s), u"pg-bad"_s);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"Cannot open message database"_s));
        QVERIFY(!store.open());
        QVERIFY(store.errorString().contains(u"Cannot open"_s));
        QVERIFY(!store.append(message(u"r"_s, u"x"_s)));
    }

    /// The synchronous cost of one append on loopback (reported, not asserted).
    void measureAppendCost()
    {
        auto store = makeStore();
        QVERIFY(store->open());
        constexpr int count = 500;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < count; ++i)
            QVERIFY(store->append(message(u"bench"_s, u"hello"_s, u"c%1"_s.arg(i))));
        const double perAppend = double(timer.nsecsElapsed()) / count / 1000.0;
        qInfo("PostgreSQL append (with client_id) on loopback: %.1f us", perAppend);
    }
};

QTEST_GUILESS_MAIN(TestPostgresMessageStore)
#include "tst_postgresmessagestore.moc"
