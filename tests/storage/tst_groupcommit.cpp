// SPDX-License-Identifier: MIT
// GroupCommit against a real SQLite store (a file, so a write can fail for real): what one loop turn posts is one
// transaction, the callbacks run after it in posting order and never before append() returns, a failed write
// fails the whole batch, a callback that posts again starts the next batch, a direct flush leaves the end of the
// turn to the call already posted, and what is still queued when the writer goes away is dropped without a callback
// (it was never acknowledged). With an AppendWorker (a second connection on a thread of its own) the loop runs on
// while a batch is written, what comes meanwhile forms the next batch, flush() waits for the one in flight, and a
// writer destroyed with a batch in flight lets it commit without answering it.
#include "server/storage/groupcommit.h"
#include "server/storage/sqlitemessagestore.h"
#include "storetestsupport.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Kaiwa;
using namespace Kaiwa::Server;
using namespace KaiwaTest;
using namespace Qt::StringLiterals;

class TestGroupCommit : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SqliteMessageStore> m_store;
    int m_connections = 0;

    /// What the callbacks saw, in the order they ran: the id, or -1 for a failed write.
    QList<qint64> m_seen;
    GroupCommit::Done record()
    {
        return [this](const std::optional<MessageStore::AppendResult> &stored) {
            m_seen.append(stored ? stored->message.id : -1);
        };
    }

    /// A worker writing with a connection of its own to the same file.
    std::unique_ptr<AppendWorker> startedWorker()
    {
        auto worker = std::make_unique<AppendWorker>([this, name = u"tst-groupcommit-worker-%1"_s.arg(++m_connections)](
                                                         QString *) -> std::unique_ptr<MessageStore> {
            return std::make_unique<SqliteMessageStore>(m_dir->filePath(u"history.sqlite"_s), name);
        });
        QString error;
        if (!worker->start(&error)) {
            qWarning("the worker did not start: %s", qPrintable(error));
            return nullptr;
        }
        return worker;
    }

    /// Holds the file's write lock from a third connection until released: the worker's write waits for it.
    struct WriteLock {
        QString name;
        explicit WriteLock(const QString &file)
            : name(u"tst-groupcommit-lock"_s)
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(file);
            if (!db.open() || !QSqlQuery(db).exec(u"BEGIN IMMEDIATE"_s))
                qWarning("could not take the write lock");
        }
        void release() const { QSqlQuery(QSqlDatabase::database(name)).exec(u"COMMIT"_s); }
        ~WriteLock()
        {
            QSqlDatabase::database(name).close();
            QSqlDatabase::removeDatabase(name);
        }
    };

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_store = std::make_unique<SqliteMessageStore>(m_dir->filePath(u"history.sqlite"_s),
                                                       u"tst-groupcommit-%1"_s.arg(++m_connections));
        QVERIFY(m_store->open());
        m_seen.clear();
    }
    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void oneTurnIsOneTransactionInPostingOrder()
    {
        GroupCommit writer(m_store.get());
        QSignalSpy committed(&writer, &GroupCommit::committed);
        writer.append(message(u"lobby"_s, u"a"_s), QString(), record());
        writer.append(message(u"雑談"_s, u"b"_s), QString(), record());
        writer.append(message(u"lobby"_s, u"c"_s, u"k"_s), QString(), record());
        writer.append(message(u"lobby"_s, u"c again"_s, u"k"_s), QString(), record());
        QVERIFY(m_seen.isEmpty()); // nothing before the end of the turn
        QCOMPARE(writer.pending(), 4);
        QVERIFY(committed.wait());
        QCOMPARE(committed.size(), 1);
        QCOMPARE(committed.first().at(0).toInt(), 4);
        QCOMPARE(committed.first().at(2).toBool(), true);
        QCOMPARE(m_seen, (QList<qint64>{1, 1, 2, 2}));
        QCOMPARE(writer.pending(), 0);
        QCOMPARE(m_store->lastId(u"lobby"_s), 2);
    }

    void aCallbackThatPostsStartsTheNextBatch()
    {
        GroupCommit writer(m_store.get());
        QSignalSpy committed(&writer, &GroupCommit::committed);
        writer.append(message(u"lobby"_s, u"first"_s), QString(),
                      [&](const std::optional<MessageStore::AppendResult> &stored) {
                          m_seen.append(stored->message.id);
                          writer.append(message(u"lobby"_s, u"answer"_s), QString(), record());
                      });
        QTRY_COMPARE(m_seen, (QList<qint64>{1, 2}));
        QCOMPARE(committed.size(), 2);
    }

    void aBatchHoldsAtMostAMegabyteOfTextButAlwaysOneMessage()
    {
        GroupCommit writer(m_store.get());
        QSignalSpy committed(&writer, &GroupCommit::committed);
        const QString large(GroupCommit::MaxBatchBytes / qsizetype(sizeof(QChar)) * 3 / 5, u'x'); // 0.6 MiB each
        writer.append(message(u"lobby"_s, large), QString(), record());
        writer.append(message(u"lobby"_s, large), QString(), record());
        writer.append(message(u"lobby"_s, u"small"_s), QString(), record());
        writer.append(message(u"lobby"_s, QString(GroupCommit::MaxBatchBytes, u'y')), QString(), record()); // 2 MiB
        writer.flush();
        QCOMPARE(m_seen, (QList<qint64>{1, 2, 3, 4}));
        QCOMPARE(committed.size(), 3);
        QCOMPARE(committed.at(0).at(0).toInt(), 1);
        QCOMPARE(committed.at(1).at(0).toInt(), 2); // the second large one and the small one
        QCOMPARE(committed.at(2).at(0).toInt(), 1); // alone, though larger than the bound
    }

    void flushStoresNowAndAFailedWriteFailsTheBatch()
    {
        GroupCommit writer(m_store.get());
        QSignalSpy committed(&writer, &GroupCommit::committed);
        writer.append(message(u"lobby"_s, u"kept"_s), QString(), record());
        writer.flush();
        QCOMPARE(m_seen, QList<qint64>{1});

        // A message the store cannot take (no room) fails its whole batch: every callback hears of it.
        writer.append(message(u"lobby"_s, u"x"_s, u"kx"_s), QString(), record());
        writer.append(message(QString(), u"roomless"_s), QString(), record());
        writer.append(message(u"lobby"_s, u"y"_s), QString(), record());
        writer.flush();
        QCOMPARE(m_seen, (QList<qint64>{1, -1, -1, -1}));
        QCOMPARE(committed.last().at(0).toInt(), 3);
        QCOMPARE(committed.last().at(2).toBool(), false);

        // Nothing of the failed batch was stored: its retry is new.
        writer.append(message(u"lobby"_s, u"x"_s, u"kx"_s), QString(),
                      [&](const std::optional<MessageStore::AppendResult> &stored) {
                          QVERIFY(stored && !stored->duplicate);
                          m_seen.append(stored->message.id);
                      });
        writer.flush();
        QCOMPARE(m_seen.last(), 2);
        QCOMPARE(m_store->lastId(u"lobby"_s), 2);
    }

    void anAppendAfterADirectFlushWaitsForTheEndOfTheTurn()
    {
        // The end-of-turn call posted by the first append is still on its way after the direct flush; it is
        // the one that stores the next append, and not before the turn ends.
        GroupCommit writer(m_store.get());
        QSignalSpy committed(&writer, &GroupCommit::committed);
        writer.append(message(u"lobby"_s, u"before the edit"_s), QString(), record());
        writer.flush();
        writer.append(message(u"lobby"_s, u"after the edit"_s), QString(), record());
        QCOMPARE(m_seen, QList<qint64>{1});
        QCOMPARE(writer.pending(), 1);
        QVERIFY(committed.wait());
        QCOMPARE(m_seen, (QList<qint64>{1, 2}));
        QCOMPARE(committed.size(), 2);
    }

    void aWorkerWritesOffTheLoopAndWhatComesMeanwhileIsTheNextBatch()
    {
        GroupCommit writer(m_store.get());
        auto worker = startedWorker();
        QVERIFY(worker);
        writer.setWorker(std::move(worker));
        QSignalSpy committed(&writer, &GroupCommit::committed);
        {
            WriteLock lock(m_dir->filePath(u"history.sqlite"_s));
            writer.append(message(u"lobby"_s, u"a"_s), QString(), record());
            writer.append(message(u"lobby"_s, u"b"_s), QString(), record());
            QCoreApplication::processEvents(); // the end of the turn: the batch goes to the worker, which waits
            writer.append(message(u"lobby"_s, u"c"_s), QString(), record());
            QCoreApplication::processEvents(); // the loop runs on; c waits for the batch in flight
            QVERIFY(m_seen.isEmpty());
            QCOMPARE(writer.pending(), 3);
            QVERIFY(committed.isEmpty());
            lock.release();
            QTRY_COMPARE(m_seen, (QList<qint64>{1, 2, 3}));
        }
        QCOMPARE(committed.size(), 2);
        QCOMPARE(committed.at(0).at(0).toInt(), 2);
        QCOMPARE(committed.at(1).at(0).toInt(), 1);
        QCOMPARE(m_store->lastId(u"lobby"_s), 3); // the loop's own connection sees what the worker committed
    }

    void flushWaitsForTheBatchInFlightAndAFailureFailsItsBatch()
    {
        GroupCommit writer(m_store.get());
        auto worker = startedWorker();
        QVERIFY(worker);
        writer.setWorker(std::move(worker));
        writer.append(message(u"lobby"_s, u"in flight"_s), QString(), record());
        QCoreApplication::processEvents(); // submitted
        writer.append(message(u"lobby"_s, u"queued"_s), QString(), record());
        writer.flush();
        QCOMPARE(m_seen, (QList<qint64>{1, 2}));
        QCOMPARE(writer.pending(), 0);

        writer.append(message(u"lobby"_s, u"x"_s), QString(), record());
        writer.append(message(QString(), u"roomless"_s), QString(), record());
        writer.flush();
        QCOMPARE(m_seen, (QList<qint64>{1, 2, -1, -1}));
        QCOMPARE(m_store->lastId(u"lobby"_s), 2);
    }

    void aWriterDestroyedWithABatchInFlightLetsItCommitUnanswered()
    {
        {
            GroupCommit writer(m_store.get());
            auto worker = startedWorker();
            QVERIFY(worker);
            writer.setWorker(std::move(worker));
            WriteLock lock(m_dir->filePath(u"history.sqlite"_s));
            writer.append(message(u"lobby"_s, u"in flight"_s), QString(), record());
            QCoreApplication::processEvents(); // submitted; the worker waits for the lock
            lock.release();
        } // the writer waits for its worker, which commits
        QCoreApplication::processEvents();
        QVERIFY(m_seen.isEmpty());
        QCOMPARE(m_store->lastId(u"lobby"_s), 1);
    }

    void whatIsQueuedAtDestructionIsDroppedUnanswered()
    {
        {
            GroupCommit writer(m_store.get());
            writer.append(message(u"lobby"_s, u"never"_s), QString(), record());
        }
        QCoreApplication::processEvents(); // the queued flush of the writer that is gone runs nothing
        QVERIFY(m_seen.isEmpty());
        QCOMPARE(m_store->lastId(u"lobby"_s), 0);
    }
};

QTEST_GUILESS_MAIN(TestGroupCommit)
#include "tst_groupcommit.moc"
