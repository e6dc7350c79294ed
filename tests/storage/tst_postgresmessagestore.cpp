// SPDX-License-Identifier: MIT
// What only PostgresMessageStore has, against a real PostgreSQL cluster that the fixture creates
// (initdb in a temporary folder, a free port): upgrades from the schema of the previous release, the
// identity of a copy, a reconnection that finds another database, a server that is not there. What
// every store does is tst_messagestore, which runs on PostgreSQL too.
#include "server/storage/postgresmessagestore.h"
#include "server/storage/sqlresource.h"
#include "storetestsupport.h"
#include "util/fixturepolicy.h"
#include "util/postgresprocess.h"

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

    void version3DatabaseKeepsEveryMessage()
    {
        // A version 3 database as the previous release left it (its very schema steps), with messages of a
        // signed-in and an anonymous sender.
        QStringList sql{u"CREATE TABLE kaiwa_schema (version INTEGER NOT NULL)"_s,
                        u"INSERT INTO kaiwa_schema (version) VALUES (3)"_s};
        for (int version = 1; version <= 3; ++version)
            sql += SqlResource(u"postgresql"_s).upgradeSteps(version);
        sql += {u"INSERT INTO rooms (room, last_id, message_count, last_activity) VALUES ('lobby', 2, 2, 0)"_s,
                u"INSERT INTO messages (room, id, time, \"user\", text, client_id, verified) "
                "VALUES ('lobby', 1, 0, 'alice', 'one', 'k1', true), ('lobby', 2, 0, 'guest', 'two', NULL, false)"_s};
        QVERIFY(m_postgres.psql(m_database, sql.join(u";\n"_s)));

        auto store = makeStore();
        QVERIFY2(store->open(), qPrintable(store->errorString()));
        const QList<ChatMessage> lobby = store->latest(u"lobby"_s, 10);
        QCOMPARE(lobby.size(), 2);
        QCOMPARE(lobby.at(0).text, u"one"_s);
        QCOMPARE(lobby.at(0).verified, true);
        QCOMPARE(lobby.at(1).text, u"two"_s);
        QCOMPARE(store->messageFacts(u"lobby"_s, 1)->author, u"account:alice"_s);
        QCOMPARE(store->messageFacts(u"lobby"_s, 2)->author, QString());
        QCOMPARE(store->epoch(u"lobby"_s).size(), 32);
        QVERIFY(store->append(message(u"lobby"_s, u"again"_s, u"k1"_s))->duplicate);
        const auto removed = store->appendEvent(ChatDeleteEvent{.room = u"lobby"_s, .target = 1, .user = u"alice"_s},
                                                u"account:alice"_s);
        QVERIFY(removed && RoomEvents::id(removed->event) == 3);
        QCOMPARE(store->latest(u"lobby"_s, 10).constFirst().deleted, true);
        QCOMPARE(m_postgres.psql(m_database, u"SELECT max(version) FROM kaiwa_schema"_s),
                 QByteArray::number(PostgresMessageStore::schemaVersion()));
    }

    void version4DatabaseGetsItsMessagesIndexed()
    {
        // A version 4 database as the previous release left it: a message, one edited (its edit event holds the new
        // text too), one deleted. The upgrade indexes the messages as they read now.
        QStringList sql{u"CREATE TABLE kaiwa_schema (version INTEGER NOT NULL)"_s,
                        u"INSERT INTO kaiwa_schema (version) VALUES (4)"_s};
        for (int version = 1; version <= 4; ++version)
            sql += SqlResource(u"postgresql"_s).upgradeSteps(version);
        sql += {u"INSERT INTO rooms (room, last_id, message_count, last_activity) VALUES ('lobby', 4, 3, 0)"_s,
                u"INSERT INTO messages (room, id, time, \"user\", text, kind, target, edited, deleted) VALUES "
                "('lobby', 1, 1000, 'alice', '今日は雑談しよう', 0, NULL, NULL, false), "
                "('lobby', 2, 2000, 'bob', 'the new plan', 0, NULL, 3000, false), "
                "('lobby', 3, 3000, 'bob', 'the new plan', 1, 2, NULL, false), "
                "('lobby', 4, 4000, 'carol', '', 0, NULL, NULL, true)"_s};
        QVERIFY(m_postgres.psql(m_database, sql.join(u";\n"_s)));

        auto store = makeStore();
        QVERIFY2(store->open(), qPrintable(store->errorString()));
        QCOMPARE(m_postgres.psql(m_database, u"SELECT count(*) FROM message_search"_s), QByteArray("2"));
        const auto chat = store->search({u"雑談"_s});
        QVERIFY2(chat, qPrintable(store->errorString()));
        QCOMPARE(chat->hits.size(), 1);
        QCOMPARE(chat->hits.constFirst().message.id, 1);
        const auto plan = store->search({u"plan"_s, u"lobby"_s});
        QCOMPARE(plan->hits.size(), 1);
        QCOMPARE(plan->hits.constFirst().message.id, 2);
        QVERIFY(store->append(message(u"lobby"_s, u"雑談の続き"_s)));
        QCOMPARE(store->search({u"雑談"_s})->hits.constFirst().message.id, 5);
        QCOMPARE(m_postgres.psql(m_database, u"SELECT max(version) FROM kaiwa_schema"_s),
                 QByteArray::number(PostgresMessageStore::schemaVersion()));
    }

    void version4DatabaseGetsReadMarkers()
    {
        // A version 4 database as the previous release left it: an account, a message that mentions her, her own.
        QStringList sql{u"CREATE TABLE kaiwa_schema (version INTEGER NOT NULL)"_s,
                        u"INSERT INTO kaiwa_schema (version) VALUES (4)"_s};
        for (int version = 1; version <= 4; ++version)
            sql += SqlResource(u"postgresql"_s).upgradeSteps(version);
        sql += {u"INSERT INTO accounts (name, password_hash, created, updated) VALUES ('alice', 'hash', 0, 0)"_s,
                u"INSERT INTO rooms (room, last_id, message_count, last_activity, epoch) "
                "VALUES ('lobby', 2, 2, 0, 'e')"_s,
                u"INSERT INTO messages (room, id, time, \"user\", text, verified, author) VALUES "
                "('lobby', 1, 0, 'bob', '@alice hello', false, NULL), "
                "('lobby', 2, 0, 'alice', 'hi bob', true, 'account:alice')"_s};
        QVERIFY(m_postgres.psql(m_database, sql.join(u";\n"_s)));

        auto store = makeStore();
        QVERIFY2(store->open(), qPrintable(store->errorString()));
        QCOMPARE(m_postgres.psql(m_database, u"SELECT max(version) FROM kaiwa_schema"_s),
                 QByteArray::number(PostgresMessageStore::schemaVersion()));
        QCOMPARE(store->latest(u"lobby"_s, 10).size(), 2);
        const auto markers = store->createReadMarkerStore();
        QCOMPARE(markers->join(u"alice"_s, u"lobby"_s, store->lastId(u"lobby"_s)), std::optional<qint64>(2));
        ChatMessage later = message(u"lobby"_s, u"@ALICE still there?"_s);
        later.user = u"bob"_s;
        QCOMPARE(store->append(later)->message.id, 3);
        QCOMPARE(markers->markers(u"alice"_s), (QList<ReadMarkerStore::Marker>{{u"lobby"_s, 2, 1, 1}}));
        QCOMPARE(markers->advance(u"alice"_s, u"lobby"_s, 9), std::optional<qint64>(3));
        QCOMPARE(markers->markers(u"alice"_s), (QList<ReadMarkerStore::Marker>{{u"lobby"_s, 3, 0, 0}}));
    }

    void version5DatabaseGetsRoomPolicies()
    {
        // A version 5 database as the previous release left it: an account, a room with messages, her read marker.
        QStringList sql{u"CREATE TABLE kaiwa_schema (version INTEGER NOT NULL)"_s,
                        u"INSERT INTO kaiwa_schema (version) VALUES (5)"_s};
        for (int version = 1; version <= 5; ++version)
            sql += SqlResource(u"postgresql"_s).upgradeSteps(version);
        sql += {u"INSERT INTO accounts (name, password_hash, created, updated) VALUES ('alice', 'hash', 0, 0)"_s,
                u"INSERT INTO rooms (room, last_id, message_count, last_activity, epoch) "
                "VALUES ('lobby', 2, 2, 0, 'e')"_s,
                u"INSERT INTO messages (room, id, time, \"user\", text, verified, author) VALUES "
                "('lobby', 1, 0, 'bob', 'hello', false, NULL), "
                "('lobby', 2, 0, 'alice', 'hi bob', true, 'account:alice')"_s,
                u"INSERT INTO read_markers (account, room, read_id, updated) VALUES ('alice', 'lobby', 1, 0)"_s};
        QVERIFY(m_postgres.psql(m_database, sql.join(u";\n"_s)));

        auto store = makeStore();
        QVERIFY2(store->open(), qPrintable(store->errorString()));
        QCOMPARE(m_postgres.psql(m_database, u"SELECT max(version) FROM kaiwa_schema"_s),
                 QByteArray::number(PostgresMessageStore::schemaVersion()));
        QCOMPARE(store->latest(u"lobby"_s, 10).size(), 2);
        QCOMPARE(store->createReadMarkerStore()->markers(u"alice"_s),
                 (QList<ReadMarkerStore::Marker>{{u"lobby"_s, 1, 0, 0}}));

        // The room that existed has no settings and no owner until the operator grants one.
        const auto policies = store->createRoomPolicyStore();
        QVERIFY(policies);
        QCOMPARE(policies->changeSeq(), std::optional<qint64>(0));
        QCOMPARE(policies->settings(u"lobby"_s), std::optional(RoomPolicyStore::Settings{}));
        QCOMPARE(policies->roles(u"lobby"_s)->size(), 0);
        QCOMPARE(policies->grant(u"lobby"_s, u"alice"_s, RoomPolicyStore::Role::Owner), RoomPolicyStore::Result::Ok);
        QCOMPARE(policies->rolesOf(u"alice"_s),
                 (QList<RoomPolicyStore::Membership>{{u"lobby"_s, RoomPolicyStore::Role::Owner}}));
        QCOMPARE(policies->changeSeq(), std::optional<qint64>(1));
        QCOMPARE(store->append(message(u"lobby"_s, u"after the upgrade"_s))->message.id, 3);
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

    /// Ends the sessions that hold the daemons' claim (as a server restart or a failover would); how many.
    QByteArray endClaimingSessions()
    {
        return m_postgres
            .psql(m_database, u"SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' "
                              "AND objid = 4242062 AND granted"_s)
            .value_or("failed");
    }

    /// A daemon's claim (docs/scale-out.md): exclusive without Redis, shared with it; held by the session and taken
    /// again when the store reconnects, and writes fail while another daemon's conflicting claim holds it.
    void claimIsHeldAndTakenAgainOnReconnect()
    {
        auto alone = makeStore();
        QVERIFY(alone->open());
        QCOMPARE(alone->claim(MessageStore::Claim::Exclusive), MessageStore::ClaimResult::Held);
        auto other = makeStore();
        QVERIFY(other->open());
        QCOMPARE(other->claim(MessageStore::Claim::Exclusive), MessageStore::ClaimResult::Busy);
        QCOMPARE(other->claim(MessageStore::Claim::Shared), MessageStore::ClaimResult::Busy);

        // The session ends: the first write finds the connection gone, the next reconnects and claims again.
        QCOMPARE(endClaimingSessions(), QByteArray("1"));
        QVERIFY(!alone->append(message(u"lobby"_s, u"lost with the connection"_s)));
        QVERIFY(alone->append(message(u"lobby"_s, u"one"_s)));
        QCOMPARE(other->claim(MessageStore::Claim::Shared), MessageStore::ClaimResult::Busy);

        // Another daemon takes the database while this one's connection is down: this one's writes fail.
        QCOMPARE(endClaimingSessions(), QByteArray("1"));
        QCOMPARE(other->claim(MessageStore::Claim::Exclusive), MessageStore::ClaimResult::Held);
        QVERIFY(!alone->append(message(u"lobby"_s, u"lost with the connection"_s)));
        QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(u"another kaiwa-server holds .* every write fails"_s));
        QVERIFY(!alone->append(message(u"lobby"_s, u"refused"_s)));
        QVERIFY2(alone->errorString().contains(u"another kaiwa-server holds"_s), qPrintable(alone->errorString()));
        other.reset(); // its session ends, and its claim with it
        QVERIFY(alone->append(message(u"lobby"_s, u"two"_s)));
        QCOMPARE(m_postgres.psql(m_database, u"SELECT string_agg(text, ',' ORDER BY id) FROM messages"_s),
                 QByteArray("one,two"));
    }

    void unreachableServerFails()
    {
        PostgresMessageStore store(QUrl(u"postgresql://kaiwa@127.0.0.1:1/none?connect_timeout=2"_s), u"pg-bad"_s);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"Cannot open message database"_s));
        QVERIFY(!store.open());
        QVERIFY(store.errorString().contains(u"Cannot open"_s));
        QVERIFY(!store.append(message(u"r"_s, u"x"_s)));
    }
};

QTEST_GUILESS_MAIN(TestPostgresMessageStore)
#include "tst_postgresmessagestore.moc"
