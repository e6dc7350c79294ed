// SPDX-License-Identifier: MIT
// Misconfigured deployments are refused, never turned into silent loss: real kaiwa-server
// processes on real SQLite files and PostgreSQL databases, one real redis-server. Daemons that
// share rooms through Redis must take their ids from one database (docs/scale-out.md, "One
// database per deployment"); daemons on one SQLite file must all share rooms through Redis.
#include "util/fixturepolicy.h"
#include "util/httpexchange.h"
#include "util/postgresprocess.h"
#include "util/redisserverprocess.h"
#include "util/servercommand.h"
#include "util/serverprocess.h"
#include "util/wsclient.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <sys/types.h>

using namespace KaiwaTest;
using namespace Qt::StringLiterals;

namespace {

/// "id:text" of every chat.message the client received, in order.
QStringList chatLines(const WsClient &client)
{
    QStringList lines;
    for (const QJsonObject &frame : client.framesOfType(u"chat.message"_s))
        lines.append(u"%1:%2"_s.arg(frame.value("id"_L1).toInteger()).arg(frame.value("message"_L1).toString()));
    return lines;
}

void signalProcess(ServerProcess &daemon, int signal)
{
    ::kill(pid_t(daemon.process().processId()), signal);
}

} // namespace

class TestDeploymentChecks : public QObject
{
    Q_OBJECT

    RedisServerProcess m_redis;
    PostgresProcess m_postgres;
    bool m_redisStarted = false;
    bool m_postgresStarted = false;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::vector<std::unique_ptr<ServerProcess>> m_daemons;

    QString file(const QString &name) const { return m_dir->filePath(name); }
    QStringList redisArguments(const QString &database, const QStringList &extra = {}) const
    {
        return QStringList{u"--database"_s, database, u"--redis"_s, m_redis.url(), u"--rate-limit"_s, u"0"_s} + extra;
    }
    ServerProcess *startDaemon(const QStringList &arguments)
    {
        auto daemon = std::make_unique<ServerProcess>(arguments);
        if (!daemon->start())
            return nullptr;
        m_daemons.push_back(std::move(daemon));
        return m_daemons.back().get();
    }
    /// Runs a daemon that must not start.
    static ServerCommand refused(const QStringList &arguments)
    {
        return ServerCommand::run(QStringList{u"--port"_s, u"0"_s} + arguments, {}, 20000);
    }
    /// Exit 1, one line that starts with the program's name, and no other warning or error on the way.
    static void verifyRefusal(const ServerCommand &refusal, const QString &mentions)
    {
        QVERIFY2(refusal.exitCode == 1, refusal.err.constData());
        QVERIFY2(refusal.lastErrorLine().startsWith("kaiwa-server: "), refusal.err.constData());
        QVERIFY2(QString::fromUtf8(refusal.lastErrorLine()).contains(mentions), refusal.err.constData());
        static const QRegularExpression noise(u" (warning|critical): "_s);
        QVERIFY2(!noise.match(QString::fromUtf8(refusal.err)).hasMatch(), refusal.err.constData());
    }
    static QByteArray healthz(const ServerProcess &daemon)
    {
        return HttpExchange::run(daemon.port(), "GET", "/healthz").body.trimmed();
    }
    static QByteArray metric(const ServerProcess &daemon, const QByteArray &name)
    {
        const QByteArray body = HttpExchange::run(daemon.port(), "GET", "/metrics").body;
        for (const QByteArray &line : body.split('\n')) {
            if (line.startsWith(name + ' '))
                return line.mid(name.size() + 1);
        }
        return {};
    }
    std::unique_ptr<WsClient> join(const ServerProcess &daemon, const QString &room, const QString &name)
    {
        return WsClient::connected(daemon.wsUrl(room, u"name="_s + name), true);
    }
    QByteArray registration() const { return m_redis.cli({u"GET"_s, u"kaiwa:0:store"_s}); }

private Q_SLOTS:
    void initTestCase()
    {
        m_redisStarted = m_redis.start();
        m_postgresStarted = m_postgres.start();
    }
    void init()
    {
        KAIWA_REQUIRE_FIXTURE(m_redisStarted, u"redis-server"_s);
        if (!m_redis.isRunning())
            QVERIFY(m_redis.restart());
        QCOMPARE(m_redis.cli({u"FLUSHALL"_s}), QByteArray("OK"));
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }
    void cleanup()
    {
        for (const auto &daemon : m_daemons)
            signalProcess(*daemon, SIGCONT); // a test that failed while one was stopped
        m_daemons.clear();
    }

    /// The case: each daemon on an SQLite file of its own. The second one would give out
    /// the same ids as the first, and one of each pair would be dropped as a duplicate.
    void separateSqliteFilesAreRefused()
    {
        ServerProcess *first = startDaemon(redisArguments(file(u"a.sqlite"_s)));
        QVERIFY(first);
        QTRY_COMPARE(healthz(*first), QByteArray("ok"));
        const ServerCommand refusal = refused(redisArguments(file(u"b.sqlite"_s)));
        verifyRefusal(
            refusal, u"take their ids from another database (%1, registered by a daemon on"_s.arg(file(u"a.sqlite"_s)));
        QVERIFY(refusal.lastErrorLine().contains(u"than this one (%1)"_s.arg(file(u"b.sqlite"_s)).toUtf8()));
        QVERIFY(refusal.lastErrorLine().contains("the same --database"));
        QVERIFY(refusal.lastErrorLine().contains("redis-cli -h 127.0.0.1 -p " + QByteArray::number(m_redis.port())
                                                 + " DEL kaiwa:0:store"));
        QCOMPARE(healthz(*first), QByteArray("ok"));
    }

    void memoryDatabaseIsRefused()
    {
        verifyRefusal(refused(redisArguments(u":memory:"_s)), u"--redis needs a database that every daemon shares"_s);
        QCOMPARE(registration(), QByteArray()); // refused before it registered anything
    }

    /// Daemons on one machine may share one SQLite file: one id sequence, nothing lost.
    void oneSqliteFileIsShared()
    {
        ServerProcess *first = startDaemon(redisArguments(file(u"chat.sqlite"_s)));
        ServerProcess *second = startDaemon(redisArguments(file(u"chat.sqlite"_s)));
        QVERIFY(first && second);
        QTRY_VERIFY(healthz(*first) == "ok" && healthz(*second) == "ok");
        auto ann = join(*first, u"lobby"_s, u"ann"_s);
        auto bob = join(*second, u"lobby"_s, u"bob"_s);
        QVERIFY(ann && bob);
        QTRY_VERIFY(!ann->framesOfType(u"presence"_s).isEmpty() && !bob->framesOfType(u"presence"_s).isEmpty());
        ann->sendJson({{"message"_L1, u"from a"_s}});
        QTRY_COMPARE(chatLines(*bob), QStringList{u"1:from a"_s});
        bob->sendJson({{"message"_L1, u"from b"_s}});
        const QStringList both{u"1:from a"_s, u"2:from b"_s};
        QTRY_COMPARE(chatLines(*ann), both);
        QTRY_COMPARE(chatLines(*bob), both);
    }

    /// A daemon restarted on another database is refused while the deployment runs; once every
    /// daemon stopped the registration lapses, or the operator deletes it to move at once.
    void restartOnAnotherDatabase()
    {
        const QStringList ttl{u"--presence-ttl"_s, u"3"_s};
        ServerProcess *first = startDaemon(redisArguments(file(u"a.sqlite"_s), ttl));
        ServerProcess *second = startDaemon(redisArguments(file(u"a.sqlite"_s), ttl));
        QVERIFY(first && second);
        QCOMPARE(second->stop(), 0);
        verifyRefusal(refused(redisArguments(file(u"b.sqlite"_s), ttl)), u"take their ids from another database"_s);

        QCOMPARE(first->stop(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(registration(), QByteArray(), 10000); // lapsed one TTL after the last daemon
        ServerProcess *moved = startDaemon(redisArguments(file(u"b.sqlite"_s)));
        QVERIFY(moved);
        QVERIFY(registration().contains(file(u"b.sqlite"_s).toUtf8()));

        // Default TTL (30 s): moving at once takes deleting the registration, as the refusal says.
        QCOMPARE(moved->stop(), 0);
        verifyRefusal(refused(redisArguments(file(u"c.sqlite"_s))), u"DEL kaiwa:0:store"_s);
        QCOMPARE(m_redis.cli({u"DEL"_s, u"kaiwa:0:store"_s}), QByteArray("1"));
        QVERIFY(startDaemon(redisArguments(file(u"c.sqlite"_s))));
    }

    /// A flushed Redis forgets the registration; the running daemon registers again by itself and
    /// a daemon on another database is still refused.
    void redisFlushedWhileRunning()
    {
        ServerProcess *first = startDaemon(redisArguments(file(u"a.sqlite"_s), {u"--presence-ttl"_s, u"3"_s}));
        QVERIFY(first);
        const QByteArray registered = registration();
        QVERIFY(registered.contains(file(u"a.sqlite"_s).toUtf8()));
        QCOMPARE(m_redis.cli({u"FLUSHALL"_s}), QByteArray("OK"));
        QTRY_COMPARE_WITH_TIMEOUT(registration(), registered, 5000);
        QTRY_VERIFY(first->log().contains("registration of this daemon's database was gone from redis"));
        verifyRefusal(refused(redisArguments(file(u"b.sqlite"_s))), u"take their ids from another database"_s);
    }

    /// Redis flushed, and a daemon on another database starts before the running one registered
    /// again: it may run, but the two share nothing (every channel carries the database's scope),
    /// so no message is lost; the first one reports the conflict until the other one is gone.
    void otherDatabaseAfterFlushIsKeptApart()
    {
        ServerProcess *first = startDaemon(redisArguments(file(u"a.sqlite"_s), {u"--presence-ttl"_s, u"3"_s}));
        QVERIFY(first);
        auto ann = join(*first, u"lobby"_s, u"ann"_s);
        QVERIFY(ann);
        signalProcess(*first, SIGSTOP); // cannot renew its registration now
        QCOMPARE(m_redis.cli({u"FLUSHALL"_s}), QByteArray("OK"));
        ServerProcess *other = startDaemon(redisArguments(file(u"b.sqlite"_s), {u"--presence-ttl"_s, u"3"_s}));
        QVERIFY(other);
        auto bob = join(*other, u"lobby"_s, u"bob"_s);
        QVERIFY(bob);
        signalProcess(*first, SIGCONT);

        const QByteArray conflict("degraded: redis shared with daemons on another database");
        QTRY_COMPARE_WITH_TIMEOUT(healthz(*first), conflict, 5000);
        QCOMPARE(metric(*first, "kaiwa_redis_store_conflict"), QByteArray("1"));
        QTRY_VERIFY(first->log().contains(" critical: the daemons on " + m_redis.url().toUtf8()
                                          + " take their ids from another database"));
        QCOMPARE(healthz(*other), QByteArray("ok"));
        QCOMPARE(metric(*other, "kaiwa_redis_store_conflict"), QByteArray("0"));

        // Both databases give out id 1; each message reaches its own daemon's members, none is dropped.
        ann->sendJson({{"message"_L1, u"on a"_s}});
        bob->sendJson({{"message"_L1, u"on b"_s}});
        QTRY_COMPARE(chatLines(*ann), QStringList{u"1:on a"_s});
        QTRY_COMPARE(chatLines(*bob), QStringList{u"1:on b"_s});

        // The other daemon goes; its registration lapses and the first one takes over by itself.
        QCOMPARE(other->stop(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(healthz(*first), QByteArray("ok"), 10000);
        QCOMPARE(metric(*first, "kaiwa_redis_store_conflict"), QByteArray("0"));
        QVERIFY(registration().contains(file(u"a.sqlite"_s).toUtf8()));
    }

    /// Redis unreachable at start: the daemon serves (as it always did), and compares databases once
    /// Redis is there; a mismatch then is reported loudly, not by exiting.
    void unreachableRedisAtStartIsCheckedLater()
    {
        m_redis.kill();
        ServerProcess *late = startDaemon(redisArguments(file(u"b.sqlite"_s)));
        QVERIFY(late);
        QTRY_VERIFY(late->log().contains("redis is not reachable yet: the database is compared"));
        QCOMPARE(healthz(*late), QByteArray("degraded: redis unavailable"));
        signalProcess(*late, SIGSTOP);
        QVERIFY(m_redis.restart());
        ServerProcess *first = startDaemon(redisArguments(file(u"a.sqlite"_s)));
        QVERIFY(first);
        signalProcess(*late, SIGCONT);
        const QByteArray conflict("degraded: redis shared with daemons on another database");
        QTRY_COMPARE_WITH_TIMEOUT(healthz(*late), conflict, 15000);
        QTRY_VERIFY(late->log().contains(" critical: the daemons on"));
        QCOMPARE(healthz(*first), QByteArray("ok"));
    }

    /// Without --redis a daemon delivers to its own members only: it must be alone on its file.
    void sqliteFileWithoutRedisIsExclusive()
    {
        const QString database = file(u"x.sqlite"_s);
        ServerProcess *alone = startDaemon({u"--database"_s, database});
        QVERIFY(alone);
        const QString uses = u"another kaiwa-server uses %1: without --redis"_s.arg(database);
        verifyRefusal(refused({u"--database"_s, database}), uses);
        verifyRefusal(refused(redisArguments(database)),
                      u"another kaiwa-server without --redis uses %1"_s.arg(database));
        // Through a link it is the same file.
        QVERIFY(QFile::link(database, file(u"link.sqlite"_s)));
        verifyRefusal(refused({u"--database"_s, file(u"link.sqlite"_s)}), u"another kaiwa-server uses"_s);

        alone->kill(); // SIGKILL: the system releases the lock with the process
        ServerProcess *shared = startDaemon(redisArguments(database));
        QVERIFY(shared);
        verifyRefusal(refused({u"--database"_s, database}), uses);
        QVERIFY(startDaemon(redisArguments(database))); // daemons with --redis share it
    }

    /// PostgreSQL alike (a session-level advisory lock): a daemon without --redis is alone on its database.
    void postgresWithoutRedisIsExclusive()
    {
        KAIWA_REQUIRE_FIXTURE(m_postgresStarted, u"PostgreSQL"_s);
        QVERIFY(m_postgres.createDatabase(u"alone"_s));
        const QString database = m_postgres.url(u"alone"_s);
        ServerProcess *alone = startDaemon({u"--database"_s, database});
        QVERIFY(alone);
        const QString uses = u"another kaiwa-server uses "_s;
        verifyRefusal(refused({u"--database"_s, database}), uses);
        verifyRefusal(refused(redisArguments(database)), u"another kaiwa-server without --redis uses "_s);

        alone->kill(); // SIGKILL: the server ends its session, and the lock with it (as soon as it reads the close)
        QTRY_VERIFY_WITH_TIMEOUT(startDaemon(redisArguments(database)) != nullptr, 15000);
        verifyRefusal(refused({u"--database"_s, database}), uses);
        QVERIFY(startDaemon(redisArguments(database))); // daemons with --redis share it
    }

    /// PostgreSQL: one database for the deployment; another database, even a copy of it, is refused.
    void postgresDatabasesMustMatch()
    {
        KAIWA_REQUIRE_FIXTURE(m_postgresStarted, u"PostgreSQL"_s);
        QVERIFY(m_postgres.createDatabase(u"deployment"_s));
        QVERIFY(m_postgres.createDatabase(u"elsewhere"_s));
        ServerProcess *first = startDaemon(redisArguments(m_postgres.url(u"deployment"_s)));
        QVERIFY(first);
        QVERIFY(startDaemon(redisArguments(m_postgres.url(u"deployment"_s))));
        verifyRefusal(refused(redisArguments(m_postgres.url(u"elsewhere"_s))),
                      u"take their ids from another database (%1, registered"_s.arg(m_postgres.url(u"deployment"_s)));
        // A copy carries the random identity along, but not the database it is.
        QVERIFY(m_postgres.createDatabase(u"copy"_s, u"elsewhere"_s)); // the refused daemon created its schema
        QCOMPARE(m_postgres.psql(u"copy"_s, u"SELECT identity FROM store_identity"_s),
                 m_postgres.psql(u"elsewhere"_s, u"SELECT identity FROM store_identity"_s));
        m_daemons.clear();
        QCOMPARE(m_redis.cli({u"DEL"_s, u"kaiwa:0:store"_s}), QByteArray("1"));
        QVERIFY(startDaemon(redisArguments(m_postgres.url(u"elsewhere"_s))));
        verifyRefusal(refused(redisArguments(m_postgres.url(u"copy"_s))), u"take their ids from another database"_s);
    }
};

QTEST_GUILESS_MAIN(TestDeploymentChecks)
#include "tst_deploymentchecks.moc"
