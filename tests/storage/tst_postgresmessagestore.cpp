// SPDX-License-Identifier: MIT
// PostgresMessageStore against a real PostgreSQL cluster that the fixture creates (initdb in a
// temporary folder, a free port). The semantics are SqliteMessageStore's (tst_sqlitemessagestore).
#include "server/storage/postgresmessagestore.h"
#include "server/storage/sqlresource.h"
#include "util/fixturepolicy.h"
#include "util/postgresprocess.h"

#include <QElapsedTimer>
#include <QRegularExpression>
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
    QString m_database;
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
        m_database = u"kaiwa_%1"_s.arg(++m_databases);
        QVERIFY(m_postgres.createDatabase(m_database));
        m_url = m_postgres.url(m_database);
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

    void version2DatabaseGetsAnIdentity()
    {
        // A version 2 database as the previous release left it (its very schema steps), with messages.
        QStringList sql{u"CREATE TABLE kaiwa_schema (version INTEGER NOT NULL)"_s,
                        u"INSERT INTO kaiwa_schema (version) VALUES (2)"_s};
        for (int version = 1; version <= 2; ++version)
            sql += SqlResource(u"postgresql"_s).upgradeSteps(version);
        sql += {u"INSERT INTO rooms (room, last_id, message_count, last_activity) VALUES ('lobby', 2, 2, 0)"_s,
                u"INSERT INTO messages (room, id, time, \"user\", text) "
                "VALUES ('lobby', 1, 0, 'alice', 'one'), ('lobby', 2, 0, 'alice', 'two')"_s};
        QVERIFY(m_postgres.psql(m_database, sql.join(u";\n"_s)));

        QString identity;
        {
            auto store = makeStore();
            QVERIFY2(store->open(), qPrintable(store->errorString()));
            identity = store->identity();
            static const QRegularExpression shape(u"^[0-9a-f]{32}@\\d+\\.\\d+$"_s);
            QVERIFY2(shape.match(identity).hasMatch(), qPrintable(identity));
            QCOMPARE(store->lastId(u"lobby"_s), 2);
            QCOMPARE(store->append(message(u"lobby"_s, u"three"_s))->message.id, 3);
        }
        QCOMPARE(m_postgres.psql(m_database, u"SELECT max(version) FROM kaiwa_schema"_s),
                 QByteArray::number(PostgresMessageStore::schemaVersion()));
        auto again = makeStore();
        QVERIFY(again->open());
        QCOMPARE(again->identity(), identity);
        QCOMPARE(again->displayName(), m_url); // no password in it to hide here
    }

    void identityTellsDatabasesApart()
    {
        auto store = makeStore();
        QVERIFY(store->open());
        QVERIFY(store->append(message(u"lobby"_s, u"one"_s)));
        const QString identity = store->identity();
        store.reset();
        // A copy (CREATE DATABASE ... TEMPLATE; pg_dump and restore alike) carries the random identity
        // along, but it is another database: its ids go their own way from now on.
        const QString copyName = m_database + u"_copy"_s;
        QVERIFY(m_postgres.createDatabase(copyName, m_database));
        PostgresMessageStore copy(QUrl(m_postgres.url(copyName)), u"pg-test-copy"_s);
        QVERIFY(copy.open());
        QCOMPARE(copy.identity().section(u'@', 0, 0), identity.section(u'@', 0, 0));
        QVERIFY(copy.identity() != identity);
    }

    void reconnectToAnotherDatabaseIsRefused()
    {
        auto store = makeStore();
        QVERIFY(store->open());
        QVERIFY(store->append(message(u"lobby"_s, u"one"_s)));
        // The URL now leads to another database with the same name (dropped and created again, as a
        // restore into a new database would): the store reconnects, sees another identity and
        // refuses, rather than hand out ids that collide with those the daemons have seen.
        QVERIFY(m_postgres.psql(u"postgres"_s, u"DROP DATABASE \"%1\" WITH (FORCE)"_s.arg(m_database)));
        QVERIFY(m_postgres.createDatabase(m_database));
        QVERIFY(!store->append(message(u"lobby"_s, u"two"_s)));
        QVERIFY(!store->append(message(u"lobby"_s, u"three"_s)));
        QVERIFY2(store->errorString().contains(u"not the one this daemon opened"_s), qPrintable(store->errorString()));
        QCOMPARE(m_postgres.psql(m_database, u"SELECT count(*) FROM messages"_s), QByteArray("0"));
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
