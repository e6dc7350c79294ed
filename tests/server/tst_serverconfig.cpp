// SPDX-License-Identifier: MIT
// The config file as an operator meets it, through the real daemon: mistakes refused at start with
// exit 1 and the file and line; on SIGHUP a broken, empty or truncated file never turns options off
// silently; secrets (the PostgreSQL and Redis passwords) never reach the log or an error message.
#include "util/fixturepolicy.h"
#include "util/httpexchange.h"
#include "util/postgresprocess.h"
#include "util/servercommand.h"
#include "util/serverprocess.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace KaiwaTest;
using namespace Qt::StringLiterals;

namespace {

bool writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(contents) == contents.size();
}

/**
 * The status of an anonymous upgrade that lacks its Sec-WebSocket-Key: 401 while sign-in is required
 * (credentials are checked first), else 400. No 101, so nothing stays open.
 */
int anonymousUpgrade(quint16 port)
{
    return HttpExchange::run(port, "GET", "/ws/chat/lobby/",
                             "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
        .status;
}

const QByteArray s_secret = "Pg-S3cret-4711";

} // namespace

class TestServerConfig : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString database() const { return path(u"accounts.sqlite"_s); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // An account, so require-login can be on.
        QVERIFY(ServerCommand::addUser(database(), u"alice"_s, "correct horse 1"));
    }

    void mistakesAreRefusedWithFileAndLine_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QByteArray>("where");  ///< What the message must name: FILE:LINE or just FILE.
        QTest::addColumn<QByteArray>("reason"); ///< Part of the message.
        const QByteArray head = "; kaiwa\nhistory=5\n";
        QTest::newRow("flag written as on the command line") << head + "require-login\n"
                                                             << ":3:"_ba
                                                             << "require-login=true"_ba;
        QTest::newRow("line without =") << head + "\nport 8000\n"
                                        << ":4:"_ba
                                        << "expected KEY=VALUE"_ba;
        QTest::newRow("unknown key") << head + "no-such-key=1\n"
                                     << ":3:"_ba
                                     << "unknown key \"no-such-key\""_ba;
        QTest::newRow("key twice") << head + "history=7\n"
                                   << ":3:"_ba
                                   << "first on line 2"_ba;
        QTest::newRow("section") << "[server]\nport=1\n"_ba
                                 << ":1:"_ba
                                 << "sections are not supported"_ba;
        QTest::newRow("invalid value") << head + "max-connections=many\n"
                                       << ":3:"_ba
                                       << "invalid value \"many\" for max-connections"_ba;
        QTest::newRow("flag with a bad value") << head + "require-login=maybe\n"
                                               << ":3:"_ba
                                               << "true or false"_ba;
        QTest::newRow("not UTF-8") << head + "allowed-origins=http://\xff\xfe\n"
                                   << ":3:"_ba
                                   << "UTF-8"_ba;
        QTest::newRow("tls-cert without tls-key") << head + "tls-cert=/etc/ssl/x.pem\n"
                                                  << ":"_ba
                                                  << "tls-key"_ba;
        QTest::newRow("empty file") << QByteArray() << ":"_ba
                                    << "sets no option"_ba;
        QTest::newRow("only comments") << "; port=8000\n# history=5\n\n"_ba
                                       << ":"_ba
                                       << "sets no option"_ba;
    }

    void mistakesAreRefusedWithFileAndLine()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QByteArray, where);
        QFETCH(QByteArray, reason);
        const QString file = path(u"bad.conf"_s);
        QVERIFY(writeFile(file, contents));
        const auto run = ServerCommand::run({u"--port"_s, u"0"_s, u"--config"_s, file, u"--database"_s, u":memory:"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.isEmpty()); // it never announced itself
        const QByteArray message = run.err.trimmed();
        QVERIFY2(!message.contains('\n'), message.constData()); // one line
        QVERIFY2(message.startsWith(file.toUtf8() + where), message.constData());
        QVERIFY2(message.contains(reason), message.constData());
    }

    void unreadableFileIsRefused()
    {
        const auto missing = ServerCommand::run({u"--config"_s, path(u"missing.conf"_s)});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.startsWith(path(u"missing.conf"_s).toUtf8() + ": cannot read"), missing.err.constData());
        const auto directory = ServerCommand::run({u"--config"_s, m_dir.path()});
        QCOMPARE(directory.exitCode, 1);
        QVERIFY2(directory.err.contains("cannot read"), directory.err.constData());
    }

    void commandLineMistakesStayUsageErrors()
    {
        const QString file = path(u"good.conf"_s);
        QVERIFY(writeFile(file, "history=5\n"));
        const auto run = ServerCommand::run({u"--config"_s, file, u"--port"_s, u"eighty"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.startsWith("invalid value \"eighty\" for port"));
    }

    void whatQSettingsWroteIsStillRead()
    {
        // A [General] header, CRLF line ends, spaces around '=', a quoted value, a byte order mark.
        const QString file = path(u"qsettings.conf"_s);
        QVERIFY(writeFile(file, "\xef\xbb\xbf[General]\r\nhistory = \"2\"\r\nrequire-login=true\r\ndatabase="
                                    + database().toUtf8() + "\r\n"));
        ServerProcess server({u"--config"_s, file});
        QVERIFY(server.start());
        QCOMPARE(anonymousUpgrade(server.port()), 401);
    }

    void reloadKeepsTheRunningConfigurationOnAMistake_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QByteArray>("reason");
        QTest::newRow("flag without value") << "require-login\n"_ba
                                            << ":1: \"require-login\" has no value"_ba;
        QTest::newRow("cut in the middle of a key") << "history=3\nrequire-log"_ba
                                                    << ":2:"_ba;
        QTest::newRow("cut in the middle of a value") << "require-login=tr"_ba
                                                      << ":1: invalid value"_ba;
        QTest::newRow("empty (truncated to nothing)") << QByteArray() << "sets no option"_ba;
    }

    void reloadKeepsTheRunningConfigurationOnAMistake()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QByteArray, reason);
        const QString file = path(u"reload.conf"_s);
        QVERIFY(writeFile(file, "require-login=true\ndatabase=" + database().toUtf8() + "\n"));
        ServerProcess server({u"--config"_s, file});
        QVERIFY(server.start());
        QCOMPARE(anonymousUpgrade(server.port()), 401);

        QVERIFY(writeFile(file, contents));
        const qsizetype mark = server.reload();
        QVERIFY(server.waitForLog("reload failed, keeping the running configuration", mark));
        const QByteArray log = server.log().sliced(mark);
        QVERIFY2(log.contains(file.toUtf8()) && log.contains(reason), log.constData());
        QVERIFY(!log.contains("reloaded"));
        QCOMPARE(anonymousUpgrade(server.port()), 401); // sign-in still required
    }

    void reloadLogsWhatChanged()
    {
        // A file cut at a line end is valid: what it drops goes back to its default, loudly.
        const QString file = path(u"changes.conf"_s);
        const QByteArray databaseLine = "database=" + database().toUtf8() + "\n";
        QVERIFY(writeFile(file, databaseLine
                                    + "history=9\nrequire-login=true\nmetrics-token=t0ken-one\nmax-connections=100\n"));
        ServerProcess server({u"--config"_s, file});
        QVERIFY(server.start());
        QVERIFY(writeFile(file, databaseLine + "history=9\nmetrics-token=t0ken-two\nmax-connections=200\n"));
        const qsizetype mark = server.reload();
        QVERIFY(server.waitForLog("reloaded:", mark));
        const QByteArray log = server.log().sliced(mark);
        QVERIFY2(log.contains("require-login is now OFF"), log.constData());
        QVERIFY2(log.contains("reload: metrics-token *** -> ***"), log.constData());
        QVERIFY(!log.contains("t0ken"));
        QVERIFY2(log.contains("a restart is needed to change \"max-connections\""), log.constData());
        QVERIFY(!log.contains("reload: history"));      // unchanged options are not reported
        QCOMPARE(anonymousUpgrade(server.port()), 400); // past the sign-in check: a bad handshake now
    }

    void postgresPasswordIsNeverShown()
    {
        // A server that is not there: the failed start names the database without its password.
        const QString unreachable = u"postgresql://kaiwa:%1@127.0.0.1:1/kaiwa"_s.arg(QString::fromLatin1(s_secret));
        const auto failed = ServerCommand::run({u"--port"_s, u"0"_s, u"--database"_s, unreachable});
        QCOMPARE(failed.exitCode, 1);
        QVERIFY2(!failed.err.contains(s_secret) && !failed.out.contains(s_secret), failed.err.constData());
        QVERIFY2(failed.err.contains("postgresql://kaiwa:***@127.0.0.1:1/kaiwa"), failed.err.constData());
        const auto command = ServerCommand::run({u"--database"_s, unreachable, u"user"_s, u"list"_s});
        QCOMPARE(command.exitCode, 1);
        QVERIFY2(!command.err.contains(s_secret) && command.err.contains("kaiwa:***@"), command.err.constData());
        // The same from a config file, and for a Redis URL that cannot be used.
        const QString file = path(u"secret.conf"_s);
        QVERIFY(writeFile(file, "database=" + unreachable.toUtf8() + "\n"));
        const auto fromFile = ServerCommand::run({u"--port"_s, u"0"_s, u"--config"_s, file});
        QCOMPARE(fromFile.exitCode, 1);
        QVERIFY2(!fromFile.err.contains(s_secret), fromFile.err.constData());
        const auto redis =
            ServerCommand::run({u"--redis"_s, u"redis://:%1@127.0.0.1:99999/0"_s.arg(QString::fromLatin1(s_secret))});
        QCOMPARE(redis.exitCode, 2);
        QVERIFY2(!redis.err.contains(s_secret) && redis.err.contains(":***@"), redis.err.constData());
        const auto print = ServerCommand::run({u"--database"_s, unreachable, u"--print-config"_s});
        QCOMPARE(print.exitCode, 0);
        QVERIFY(print.out.contains("\ndatabase=\n"));
        QVERIFY(!print.out.contains(s_secret));

        // A server that is there (trust authentication accepts any password): nothing in the log either.
        PostgresProcess postgres;
        KAIWA_REQUIRE_FIXTURE(postgres.start(), u"PostgreSQL"_s);
        QVERIFY(postgres.createDatabase(u"masked"_s));
        QString url = postgres.url(u"masked"_s);
        url.replace(u"kaiwa@"_s, u"kaiwa:%1@"_s.arg(QString::fromLatin1(s_secret)));
        ServerProcess server({u"--database"_s, url});
        QVERIFY(server.start());
        QVERIFY(server.waitForLog("serving"));
        QVERIFY(server.log().contains("kaiwa:***@"));
        QCOMPARE(server.stop(), 0);
        QVERIFY2(!server.log().contains(s_secret), server.log().constData());
        QVERIFY(!server.process().readAllStandardOutput().contains(s_secret));
    }
};

QTEST_GUILESS_MAIN(TestServerConfig)
#include "tst_serverconfig.moc"
