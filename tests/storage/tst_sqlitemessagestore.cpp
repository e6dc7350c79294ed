// SPDX-License-Identifier: MIT
// What only SqliteMessageStore has: the file (created, refused, read-only, from the future), its
// write-ahead log and the checkpointer thread, the lock daemons take on it, upgrades from files of
// earlier releases, identities of copies and links, failed writes, and the query plans. What every
// store does is tst_messagestore, which runs on SQLite too.
#include "server/storage/sqlitecheckpointer.h"
#include "server/storage/sqlitefilelock.h"
#include "server/storage/sqlitemessagestore.h"
#include "server/storage/sqlresource.h"
#include "storetestsupport.h"

#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <unistd.h>

using namespace Kaiwa;
using namespace Kaiwa::Server;
using namespace KaiwaTest;
using namespace Qt::StringLiterals;

class TestSqliteMessageStore : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SqliteMessageStore> makeStore(const QString &path)
    {
        return std::make_unique<SqliteMessageStore>(path, u"tst-store-%1"_s.arg(++m_connections));
    }
    QString dbPath(const QString &name = u"kaiwa.db"_s) const { return m_dir->filePath(name); }
    /// The store's own connection, for PRAGMAs and EXPLAIN; keep the handle short-lived.
    static QSqlDatabase connection(const SqliteMessageStore &store)
    {
        return QSqlDatabase::database(store.connectionName(), false);
    }
    static QVariant scalar(const QSqlDatabase &db, const QString &sql)
    {
        QSqlQuery query(db);
        if (!query.exec(sql) || !query.next())
            return {};
        return query.value(0);
    }

    /// A file as an earlier release wrote it: the schema steps up to `version` (the very SQL that
    /// release ran), then `statements`.
    static bool createDatabaseAtVersion(const QString &path, int version, const QStringList &statements)
    {
        bool ok = true;
        {
            auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tst-old-version"_s);
            db.setDatabaseName(path);
            ok = db.open();
            QStringList sql;
            for (int step = 1; step <= version; ++step)
                sql += SqlResource(u"sqlite"_s).upgradeSteps(step);
            sql += statements;
            sql.append(u"PRAGMA user_version = %1"_s.arg(version));
            for (const QString &statement : std::as_const(sql)) {
                QSqlQuery query(db);
                if (ok && !query.exec(statement)) {
                    qWarning("%s: %s", qPrintable(statement), qPrintable(query.lastError().text()));
                    ok = false;
                }
            }
        }
        QSqlDatabase::removeDatabase(u"tst-old-version"_s);
        return ok;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    int m_connections = 0;

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }
    void cleanup() { m_dir.reset(); }

    void openConfiguresConnection()
    {
        auto store = makeStore(m_dir->filePath(u"sub/folder/kaiwa.db"_s)); // parent folders created
        QVERIFY2(store->open(), qPrintable(store->errorString()));
        QCOMPARE(store->backendId(), u"sqlite"_s);
        QVERIFY(SqliteMessageStore::schemaVersion() >= 1);
        const QSqlDatabase db = connection(*store);
        QCOMPARE(scalar(db, u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
        QCOMPARE(scalar(db, u"PRAGMA synchronous"_s).toInt(), 1); // NORMAL
        QCOMPARE(scalar(db, u"PRAGMA foreign_keys"_s).toInt(), 1);
        QCOMPARE(scalar(db, u"PRAGMA busy_timeout"_s).toInt(), SqliteMessageStore::BusyTimeoutMs);
        QCOMPARE(scalar(db, u"PRAGMA user_version"_s).toInt(), SqliteMessageStore::schemaVersion());
    }

    void emptyFileBecomesDatabase()
    {
        QFile file(dbPath());
        QVERIFY(file.open(QIODevice::WriteOnly)); // SQLite treats an empty file as an empty database
        file.close();
        auto store = makeStore(dbPath());
        QVERIFY2(store->open(), qPrintable(store->errorString()));
        QCOMPARE(store->append(message(u"lobby"_s, u"hi"_s))->message.id, 1);
    }

    /// close() ends the connection: nothing is written until open() again, and nothing is lost.
    void closeThenOpenAgain()
    {
        auto store = makeStore(dbPath());
        QVERIFY(store->open());
        fill(*store, u"lobby"_s, 3);
        store->close();
        QVERIFY(!store->isOpen());
        QVERIFY(!store->append(message(u"lobby"_s, u"closed"_s)));
        QVERIFY(!store->errorString().isEmpty());
        QVERIFY2(store->open(), qPrintable(store->errorString()));
        QCOMPARE(store->lastId(u"lobby"_s), 3);
        QCOMPARE(store->append(message(u"lobby"_s, u"open again"_s))->message.id, 4);
    }

    void openFails_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("errorFragment");
        QTest::newRow("garbage file") << u"garbage"_s << u"not a database"_s;
        QTest::newRow("text file") << u"text"_s << u"not a database"_s;
        // Root ignores permission bits, so the unwritable cases use places nobody can write to.
        QTest::newRow("parent is a regular file") << u"under-file"_s << u"Cannot create the folder"_s;
        QTest::newRow("path is a folder") << u"folder"_s << u"Cannot open"_s;
        QTest::newRow("folder nobody can write (/proc)") << u"proc"_s << u"Cannot open"_s;
        // SQLite opens a file it may not write read-only without telling; mode=ro does the same
        // even for root, and open() must notice instead of failing at the first append.
        QTest::newRow("read-only database (mode=ro)") << u"uri-ro"_s << u"readonly"_s;
        QTest::newRow("read-only file (chmod, not as root)") << u"chmod"_s << u"readonly"_s;
    }
    void openFails()
    {
        QFETCH(QString, kind);
        QFETCH(QString, errorFragment);
        QString path = dbPath();
        const auto writeFile = [&](const QByteArray &data) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(data);
        };
        const auto createDatabase = [&] {
            auto store = makeStore(path);
            QVERIFY(store->open());
            QVERIFY(store->append(message(u"lobby"_s, u"hi"_s)));
        };

        if (kind == "garbage"_L1) {
            QByteArray junk(64 * 1024, Qt::Uninitialized);
            QRandomGenerator(42).fillRange(reinterpret_cast<quint32 *>(junk.data()), junk.size() / 4);
            writeFile(junk);
        } else if (kind == "text"_L1) {
            writeFile(QByteArray("this is not a database, just some text\n").repeated(200));
        } else if (kind == "under-file"_L1) {
            writeFile("a regular file");
            path = path + u"/sub/kaiwa.db"_s;
        } else if (kind == "folder"_L1) {
            path = m_dir->path();
        } else if (kind == "proc"_L1) {
            path = u"/proc/kaiwa-test-%1.db"_s.arg(QCoreApplication::applicationPid());
        } else if (kind == "uri-ro"_L1) {
            createDatabase();
            path = u"file:%1?mode=ro"_s.arg(path);
        } else if (kind == "chmod"_L1) {
            if (::geteuid() == 0)
                QSKIP("root ignores file permissions");
            createDatabase();
            QFile::remove(path + u"-wal"_s);
            QFile::remove(path + u"-shm"_s);
            QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup));
            QVERIFY(QFile::setPermissions(m_dir->path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        }
        if (QTest::currentTestFailed())
            return;

        auto store = makeStore(path);
        const bool opened = store->open();
        QFile::setPermissions(m_dir->path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QVERIFY(!opened);
        QVERIFY2(store->errorString().contains(errorFragment, Qt::CaseInsensitive), qPrintable(store->errorString()));
        qInfo().noquote() << "error:" << store->errorString();
        QVERIFY(!store->isOpen());
        QVERIFY(!QSqlDatabase::contains(store->connectionName()));
        QVERIFY(!store->append(message(u"lobby"_s, u"hi"_s)));
    }

    void futureSchemaVersionIsRefused()
    {
        const int future = SqliteMessageStore::schemaVersion() + 1;
        {
            auto store = makeStore(dbPath());
            QVERIFY(store->open());
            QSqlQuery(u"PRAGMA user_version = %1"_s.arg(future), connection(*store)).finish();
        }
        auto store = makeStore(dbPath());
        QVERIFY(!store->open());
        QVERIFY2(store->errorString().contains(u"newer"_s), qPrintable(store->errorString()));
        qInfo().noquote() << "error:" << store->errorString();
        {
            // The file is left as it was.
            auto raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tst-raw"_s);
            raw.setDatabaseName(dbPath());
            QVERIFY(raw.open());
            QCOMPARE(scalar(raw, u"PRAGMA user_version"_s).toInt(), future);
        }
        QSqlDatabase::removeDatabase(u"tst-raw"_s);
    }

    // What the database file itself holds, without its WAL: copied alone, then opened.
    int messagesInDatabaseFile()
    {
        const QString copy = m_dir->filePath(u"main-file-only.db"_s);
        QFile::remove(copy);
        if (!QFile::copy(dbPath(), copy))
            return -1;
        int count = -1;
        {
            auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tst-main-file"_s);
            db.setDatabaseName(copy);
            if (db.open())
                count = scalar(db, u"SELECT count(*) FROM messages"_s).toInt();
        }
        QSqlDatabase::removeDatabase(u"tst-main-file"_s);
        return count;
    }

    void checkpointsRunOffTheWriter()
    {
        auto store = makeStore(dbPath());
        QVERIFY(store->open());
        QVERIFY(store->checkpointer());
        // The writer only checkpoints at the backstop, far above what this test writes...
        QCOMPARE(scalar(connection(*store), u"PRAGMA wal_autocheckpoint"_s).toInt(), SqliteCheckpointer::BackstopPages);
        for (int i = 0; i < 600; ++i)
            QVERIFY(store->append(message(u"lobby"_s, u"message %1"_s.arg(i))));
        // ...so what reaches the database file was copied there by the checkpointer's thread: in
        // batches while the writes go on, the rest once they stop.
        QTRY_VERIFY(store->checkpointer()->checkpoints() >= 2);
        QTRY_COMPARE(messagesInDatabaseFile(), 600);
        QCOMPARE(store->lastId(u"lobby"_s), 600);
    }

    void memoryStoreHasNoCheckpointer()
    {
        auto store = makeStore(u":memory:"_s);
        QVERIFY(store->open());
        QVERIFY(!store->checkpointer());
        QVERIFY(store->append(message(u"lobby"_s, u"hi"_s)));
    }

    void version2DatabaseUpgradesAndKeepsIds()
    {
        // A version 2 file: the rooms row was advanced by the daemon, not by the insert trigger
        // that version 3 adds.
        QVERIFY(createDatabaseAtVersion(dbPath(), 2,
                                        {u"INSERT INTO rooms (room, last_id, message_count, last_activity) "
                                         "VALUES ('lobby', 2, 2, 0)"_s,
                                         u"INSERT INTO messages (room, id, time, user, text) "
                                         "VALUES ('lobby', 1, 0, 'alice', 'one'), ('lobby', 2, 0, 'alice', 'two')"_s}));
        auto store = makeStore(dbPath());
        QVERIFY2(store->open(), qPrintable(store->errorString()));
        QCOMPARE(scalar(connection(*store), u"PRAGMA user_version"_s).toInt(), SqliteMessageStore::schemaVersion());
        QCOMPARE(store->append(message(u"lobby"_s, u"three"_s))->message.id, 3);
        QCOMPARE(store->append(message(u"garden"_s, u"first"_s))->message.id, 1);
        QCOMPARE(store->lastId(u"lobby"_s), 3);
        const auto stats = store->roomStats(u"lobby"_s);
        QVERIFY(stats);
        QCOMPARE(stats->messages, 3);
    }

    void version3DatabaseGetsAnIdentity()
    {
        // A version 3 file (what the previous release wrote): no identity yet.
        QVERIFY(createDatabaseAtVersion(dbPath(), 3,
                                        {u"INSERT INTO messages (room, id, time, user, text) "
                                         "VALUES ('lobby', 1, 0, 'alice', 'one'), ('lobby', 2, 0, 'alice', 'two')"_s}));
        QString identity;
        {
            auto store = makeStore(dbPath());
            QVERIFY2(store->open(), qPrintable(store->errorString()));
            QCOMPARE(scalar(connection(*store), u"PRAGMA user_version"_s).toInt(), SqliteMessageStore::schemaVersion());
            identity = store->identity();
            QVERIFY2(QRegularExpression(u"^[0-9a-f]{32}@file:.+$"_s).match(identity).hasMatch(), qPrintable(identity));
            QCOMPARE(store->lastId(u"lobby"_s), 2);
            QCOMPARE(store->append(message(u"lobby"_s, u"three"_s))->message.id, 3);
            QCOMPARE(store->latest(u"lobby"_s, 10).first().text, u"one"_s);
        }
        auto again = makeStore(dbPath());
        QVERIFY(again->open());
        QCOMPARE(again->identity(), identity); // written once, kept
        QCOMPARE(scalar(connection(*again), u"SELECT count(*) FROM store_identity"_s).toInt(), 1);
    }

    void version5DatabaseGetsItsMessagesIndexed()
    {
        // A version 5 file as the previous release wrote it: a message, one edited (its edit event holds the new
        // text too), one deleted, in two rooms. The upgrade indexes the messages as they read now.
        QVERIFY(createDatabaseAtVersion(
            dbPath(), 5,
            {u"INSERT INTO messages (room, id, time, user, text, kind, target, edited, deleted) VALUES "
             "('lobby', 1, 1000, 'alice', '今日は雑談しよう', 0, NULL, NULL, 0), "
             "('lobby', 2, 2000, 'bob', 'the new plan', 0, NULL, 3000, 0), "
             "('lobby', 3, 3000, 'bob', 'the new plan', 1, 2, NULL, 0), "
             "('garden', 1, 4000, 'carol', '', 0, NULL, NULL, 1)"_s}));
        auto store = makeStore(dbPath());
        QVERIFY2(store->open(), qPrintable(store->errorString()));
        QCOMPARE(scalar(connection(*store), u"PRAGMA user_version"_s).toInt(), SqliteMessageStore::schemaVersion());
        QCOMPARE(scalar(connection(*store), u"SELECT count(*) FROM message_search"_s).toInt(), 2);
        const auto chat = store->search({u"雑談"_s});
        QVERIFY2(chat, qPrintable(store->errorString()));
        QCOMPARE(chat->hits.size(), 1);
        QCOMPARE(chat->hits.constFirst().message.id, 1);
        const auto plan = store->search({u"plan"_s, u"lobby"_s});
        QCOMPARE(plan->hits.size(), 1);
        QCOMPARE(plan->hits.constFirst().message.id, 2);
        // Old and new messages in one order, and an edit of an old one re-indexes it.
        QVERIFY(store->append(message(u"lobby"_s, u"雑談の続き"_s)));
        QCOMPARE(ids(QList<ChatMessage>{store->search({u"雑談"_s})->hits.at(0).message}), QList<qint64>{4});
        QVERIFY(store->appendEvent(
            ChatEditEvent{.room = u"lobby"_s, .target = 1, .text = u"something else"_s, .user = u"alice"_s}, {}));
        QCOMPARE(store->search({u"雑談"_s})->hits.size(), 1);
    }

    void version4DatabaseKeepsEveryMessage()
    {
        // A version 4 file as the previous release wrote it (its very schema steps; the trigger of version 3
        // keeps the rooms): a signed-in and an anonymous sender's messages, a client_id, two rooms.
        QVERIFY(createDatabaseAtVersion(
            dbPath(), 4,
            {u"INSERT INTO messages (room, id, time, user, text, client_id, verified) VALUES "
             "('lobby', 1, 1000, 'alice', 'signed one', 'k1', 1), ('lobby', 2, 2000, 'guest', 'anonymous two', NULL, "
             "0), "
             "('lobby', 3, 3000, 'alice', 'signed three', NULL, 1), ('garden', 1, 4000, 'bob', 'garden one', NULL, 0)"_s}));
        auto store = makeStore(dbPath());
        QVERIFY2(store->open(), qPrintable(store->errorString()));
        QCOMPARE(scalar(connection(*store), u"PRAGMA user_version"_s).toInt(), SqliteMessageStore::schemaVersion());
        const QList<ChatMessage> lobby = store->latest(u"lobby"_s, 10);
        QCOMPARE(ids(lobby), range(1, 3));
        QCOMPARE(lobby.at(0).text, u"signed one"_s);
        QCOMPARE(lobby.at(0).clientId, u"k1"_s);
        QCOMPARE(lobby.at(0).verified, true);
        QCOMPARE(lobby.at(1).text, u"anonymous two"_s);
        QCOMPARE(lobby.at(1).time, QDateTime::fromMSecsSinceEpoch(2000, Qt::UTC));
        QVERIFY(!lobby.at(1).deleted && !lobby.at(1).edited.isValid() && !lobby.at(1).replyTo);
        QCOMPARE(store->latest(u"garden"_s, 10).constFirst().text, u"garden one"_s);
        // Signed-in senders still own their messages; anonymous ones' connections are gone.
        QCOMPARE(store->messageFacts(u"lobby"_s, 1)->author, u"account:alice"_s);
        QCOMPARE(store->messageFacts(u"lobby"_s, 2)->author, QString());
        // Every room has an epoch of its own, and a new room gets one from the trigger.
        QVERIFY(!store->epoch(u"lobby"_s).isEmpty());
        QVERIFY(store->epoch(u"garden"_s) != store->epoch(u"lobby"_s));
        QCOMPARE(store->append(message(u"new"_s, u"first"_s))->message.id, 1);
        QCOMPARE(store->epoch(u"new"_s).size(), 32);
        // The ids go on, the client_id still deduplicates, and old messages take events.
        QVERIFY(store->append(message(u"lobby"_s, u"again"_s, u"k1"_s))->duplicate);
        const auto edited = store->appendEvent(
            ChatEditEvent{.room = u"lobby"_s, .target = 3, .text = u"signed three, edited"_s, .user = u"alice"_s},
            u"account:alice"_s);
        QVERIFY(edited && RoomEvents::id(edited->event) == 4);
        QCOMPARE(store->latest(u"lobby"_s, 1).constFirst().text, u"signed three, edited"_s);
        QCOMPARE(store->roomStats(u"lobby"_s)->lastId, 4);
    }

    void version5DatabaseGetsReadMarkers()
    {
        // A version 5 file as the previous release wrote it: an account, messages (one that mentions her), an edit.
        QVERIFY(createDatabaseAtVersion(
            dbPath(), 5,
            {u"INSERT INTO accounts (name, password_hash, created, updated) VALUES ('alice', 'hash', 0, 0)"_s,
             u"INSERT INTO messages (room, id, time, user, text, verified, kind, target, author) VALUES "
             "('lobby', 1, 1000, 'bob', '@alice hello', 0, 0, NULL, NULL), "
             "('lobby', 2, 2000, 'alice', 'hi bob', 1, 0, NULL, 'account:alice'), "
             "('lobby', 3, 3000, 'alice', 'hi bob!', 1, 1, 2, 'account:alice')"_s}));
        auto store = makeStore(dbPath());
        QVERIFY2(store->open(), qPrintable(store->errorString()));
        QCOMPARE(scalar(connection(*store), u"PRAGMA user_version"_s).toInt(), SqliteMessageStore::schemaVersion());
        QCOMPARE(ids(store->latest(u"lobby"_s, 10)), range(1, 2));
        // Her first join after the upgrade: what is there counts as read; what comes after counts.
        const auto markers = store->createReadMarkerStore();
        QCOMPARE(markers->join(u"alice"_s, u"lobby"_s, store->lastId(u"lobby"_s)), std::optional<qint64>(3));
        ChatMessage later = message(u"lobby"_s, u"@Alice still there?"_s);
        later.user = u"bob"_s;
        QCOMPARE(store->append(later)->message.id, 4);
        QCOMPARE(markers->markers(u"alice"_s), (QList<ReadMarkerStore::Marker>{{u"lobby"_s, 3, 1, 1}}));
    }

    void version6DatabaseGetsRoomPolicies()
    {
        // A version 6 file as the previous release wrote it: an account, a room with messages, her read marker.
        QVERIFY(createDatabaseAtVersion(
            dbPath(), 6,
            {u"INSERT INTO accounts (name, password_hash, created, updated) VALUES ('alice', 'hash', 0, 0)"_s,
             u"INSERT INTO messages (room, id, time, user, text, verified, kind, author) VALUES "
             "('lobby', 1, 1000, 'bob', 'hello', 0, 0, NULL), "
             "('lobby', 2, 2000, 'alice', 'hi bob', 1, 0, 'account:alice')"_s,
             u"INSERT INTO read_markers (account, room, read_id, updated) VALUES ('alice', 'lobby', 1, 0)"_s}));
        auto store = makeStore(dbPath());
        QVERIFY2(store->open(), qPrintable(store->errorString()));
        QCOMPARE(scalar(connection(*store), u"PRAGMA user_version"_s).toInt(), SqliteMessageStore::schemaVersion());
        QCOMPARE(ids(store->latest(u"lobby"_s, 10)), range(1, 2));
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
        QVERIFY(store->append(message(u"lobby"_s, u"after the upgrade"_s)));
        QCOMPARE(store->lastId(u"lobby"_s), 3);
    }

    void identityTellsDatabasesApart()
    {
        auto first = makeStore(dbPath());
        auto second = makeStore(dbPath(u"other.db"_s));
        QVERIFY(first->open() && second->open());
        QVERIFY(!first->identity().isEmpty());
        QVERIFY(first->identity() != second->identity());
        QCOMPARE(first->databaseFile(), QFileInfo(dbPath()).absoluteFilePath());
        QCOMPARE(first->displayName(), first->databaseFile());

        // The same file through another path (a symbolic link) is the same database.
        QVERIFY(QFile::link(dbPath(), dbPath(u"link.db"_s)));
        auto linked = makeStore(dbPath(u"link.db"_s));
        QVERIFY(linked->open());
        QCOMPARE(linked->identity(), first->identity());

        // A copy carries the same random identity, but it is another file: another database, whose ids
        // go their own way from now on.
        const QString identity = first->identity();
        first.reset();
        linked.reset(); // the last connection folds the WAL into the file
        QVERIFY(QFile::copy(dbPath(), dbPath(u"copy.db"_s)));
        auto copy = makeStore(dbPath(u"copy.db"_s));
        QVERIFY(copy->open());
        QCOMPARE(copy->identity().section(u'@', 0, 0), identity.section(u'@', 0, 0));
        QVERIFY(copy->identity() != identity);

        // Nobody else can open an in-memory database: nothing to share, no identity.
        auto memory = makeStore(u":memory:"_s);
        QVERIFY(memory->open());
        QCOMPARE(memory->identity(), QString());
        QCOMPARE(memory->databaseFile(), QString());
    }

    void fileLockSharedOrExclusive()
    {
        auto store = makeStore(dbPath());
        QVERIFY(store->open());
        using Lock = SqliteFileLock;
        {
            // Daemons sharing rooms through Redis share the file...
            Lock first(store->databaseFile()), second(dbPath());
            QCOMPARE(first.lockFilePath(), store->databaseFile() + u".kaiwa-lock"_s);
            QCOMPARE(first.tryLock(Lock::Mode::Shared), Lock::Result::Locked);
            QCOMPARE(second.tryLock(Lock::Mode::Shared), Lock::Result::Locked);
            // ...and keep a daemon without Redis out.
            Lock alone(dbPath());
            QCOMPARE(alone.tryLock(Lock::Mode::Exclusive), Lock::Result::Busy);
        }
        // Released with its holders (a process that ends, even by kill -9, closes its descriptors).
        QVERIFY(QFile::link(dbPath(), dbPath(u"link.db"_s)));
        Lock alone(dbPath(u"link.db"_s)); // through a link: the same lock
        QCOMPARE(alone.tryLock(Lock::Mode::Exclusive), Lock::Result::Locked);
        Lock other(dbPath());
        QCOMPARE(other.tryLock(Lock::Mode::Shared), Lock::Result::Busy);
        QCOMPARE(other.tryLock(Lock::Mode::Exclusive), Lock::Result::Busy);

        Lock nowhere(m_dir->filePath(u"no/such/folder/x.db"_s));
        QCOMPARE(nowhere.tryLock(Lock::Mode::Shared), Lock::Result::Failed);
        QVERIFY(!nowhere.errorString().isEmpty());
    }

    void writeFailureRollsBack_data()
    {
        QTest::addColumn<QString>("breakSql");
        QTest::addColumn<QString>("repairSql");
        QTest::addColumn<QString>("errorFragment");
        // max_page_count cannot go below the current size, so 1 means "full now".
        QTest::newRow("disk full") << u"PRAGMA max_page_count = 1"_s << u"PRAGMA max_page_count = 1000000"_s
                                   << u"full"_s;
        QTest::newRow("read-only") << u"PRAGMA query_only = ON"_s << u"PRAGMA query_only = OFF"_s << u"readonly"_s;
    }
    void writeFailureRollsBack()
    {
        QFETCH(QString, breakSql);
        QFETCH(QString, repairSql);
        QFETCH(QString, errorFragment);
        auto store = makeStore(dbPath());
        QVERIFY(store->open());
        QVERIFY(store->append(message(u"lobby"_s, u"first"_s)));
        const QString big(200'000, u'x'); // needs new pages
        QVERIFY(QSqlQuery(connection(*store)).exec(breakSql));

        const auto failed = store->append(message(u"lobby"_s, big, u"k"_s));
        QVERIFY(!failed);
        QVERIFY2(store->errorString().contains(errorFragment, Qt::CaseInsensitive), qPrintable(store->errorString()));
        QCOMPARE(store->lastId(u"lobby"_s), 1); // rolled back: no id burnt
        QCOMPARE(store->roomStats(u"lobby"_s)->messages, 1);
        QVERIFY(!store->append(message(u"new-room"_s, big)));
        QVERIFY(store->rooms().size() == 1);

        QVERIFY(QSqlQuery(connection(*store)).exec(repairSql));
        const auto retried = store->append(message(u"lobby"_s, big, u"k"_s));
        QVERIFY2(retried, qPrintable(store->errorString()));
        QVERIFY(!retried->duplicate);
        QCOMPARE(retried->message.id, 2);
        QCOMPARE(ids(store->latest(u"lobby"_s, 10)), range(1, 2));
    }

    void queryPlansUseIndexes_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::addColumn<QString>("expected");
        QTest::newRow("latest") << u"select_latest_messages"_s << u"USING PRIMARY KEY (room=?)"_s;
        QTest::newRow("before") << u"select_messages_before"_s << u"USING PRIMARY KEY (room=? AND id<?)"_s;
        QTest::newRow("after") << u"select_messages_after"_s << u"USING PRIMARY KEY (room=? AND id>?)"_s;
        QTest::newRow("first id") << u"select_first_id"_s << u"USING PRIMARY KEY (room=?)"_s;
        QTest::newRow("last id") << u"select_last_id"_s << u"USING PRIMARY KEY (room=?)"_s;
        QTest::newRow("room") << u"select_room"_s << u"USING PRIMARY KEY (room=?)"_s;
        QTest::newRow("client id") << u"select_message_by_client_id"_s << u"messages_room_client_id"_s;
        QTest::newRow("rooms over count (one row per room: a scan)") << u"select_rooms_over_count"_s << u"SCAN rooms"_s;
        QTest::newRow("delete oldest") << u"delete_oldest_messages"_s << u"USING PRIMARY KEY (room=?)"_s;
        QTest::newRow("delete older than") << u"delete_messages_older_than"_s << u"messages_time (time<?)"_s;
        QTest::newRow("event") << u"select_event"_s << u"USING PRIMARY KEY (room=? AND id=?)"_s;
        QTest::newRow("room state") << u"select_room_state"_s << u"SEARCH messages USING PRIMARY KEY (room=?)"_s;
        QTest::newRow("edit") << u"update_message_text"_s << u"USING PRIMARY KEY (room=? AND id=?)"_s;
        QTest::newRow("delete") << u"delete_message_text"_s << u"USING PRIMARY KEY (room=? AND id=?)"_s;
        QTest::newRow("delete: edits and quotes")
            << u"clear_target_texts"_s << u"messages_target (room=? AND target=?)"_s;
        QTest::newRow("delete: reactions") << u"delete_message_reactions"_s << u"(room=? AND message_id=?)"_s;
        QTest::newRow("reaction counts") << u"select_reaction_counts"_s << u"(room=? AND message_id=?)"_s;
        QTest::newRow("unreact") << u"delete_reaction"_s
                                 << u"USING PRIMARY KEY (room=? AND message_id=? AND emoji=? AND reactor=?)"_s;
        QTest::newRow("reactions of a page")
            << u"select_reactions"_s << u"USING INDEX reactions_time (room=? AND message_id>? AND message_id<?)"_s;
        QTest::newRow("epoch") << u"select_room_epoch"_s << u"USING PRIMARY KEY (room=?)"_s;
        QTest::newRow("read marker") << u"read_marker_select"_s << u"USING PRIMARY KEY (account=? AND room=?)"_s;
        QTest::newRow("read markers") << u"read_marker_select_all"_s << u"USING PRIMARY KEY (account=?)"_s;
        QTest::newRow("read marker: clamp") << u"read_marker_advance"_s << u"USING PRIMARY KEY (room=?)"_s;
        QTest::newRow("unread count") << u"read_marker_counts"_s << u"USING PRIMARY KEY (room=? AND id>?)"_s;
        QTest::newRow("mention count") << u"read_marker_counts"_s
                                       << u"USING INDEX messages_mentions (room=? AND id>?)"_s;
    }
    void queryPlansUseIndexes()
    {
        QFETCH(QString, statement);
        QFETCH(QString, expected);
        auto store = makeStore(dbPath());
        QVERIFY(store->open());
        fill(*store, u"lobby"_s, 100);
        const QString sql = SqlResource(u"sqlite"_s).query(statement);
        QVERIFY(!sql.isEmpty());

        QSqlQuery query(connection(*store));
        QVERIFY2(query.prepare(u"EXPLAIN QUERY PLAN "_s + sql), qPrintable(query.lastError().text()));
        static const QRegularExpression placeholder(u":[a-z_]+"_s);
        for (const QRegularExpressionMatch &match : placeholder.globalMatch(sql))
            query.bindValue(match.captured(), 1);
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        QStringList plan;
        while (query.next())
            plan.append(query.value(3).toString());
        const QString text = plan.join(u" | "_s);
        qInfo().noquote() << statement << "->" << text;
        QVERIFY2(text.contains(expected), qPrintable(text));
        for (const QString &step : std::as_const(plan)) {
            // The one table scan allowed is the one a row names: the rooms table, one row per room. (Scanning a
            // subquery's few rows, or the constant row of a SELECT without FROM, is no table scan.)
            static const QRegularExpression tableScan(
                u"^SCAN (messages|rooms|reactions|sessions|accounts|read_markers)\\b"_s);
            QVERIFY2(!tableScan.match(step).hasMatch() || step == expected, qPrintable(u"table scan: "_s + text));
            QVERIFY2(!step.contains("TEMP B-TREE"_L1), qPrintable(u"sort step: "_s + text));
        }
    }
};

QTEST_GUILESS_MAIN(TestSqliteMessageStore)
#include "tst_sqlitemessagestore.moc"
