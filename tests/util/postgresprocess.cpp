// SPDX-License-Identifier: MIT
#include "postgresprocess.h"

#include "childprocess.h"

#include <QDir>
#include <QFileInfo>

#include <grp.h>
#include <pwd.h>
#include <sys/types.h>
#include <unistd.h>

#include <csignal>

namespace KaiwaTest {

using namespace Qt::StringLiterals;

namespace {

/// The newest /usr/lib/postgresql/<N>/bin holding initdb.
QString findBinDir()
{
    QDir root(u"/usr/lib/postgresql"_s);
    QStringList versions = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(versions.begin(), versions.end(),
              [](const QString &a, const QString &b) { return a.toInt() > b.toInt(); });
    for (const QString &version : versions) {
        const QString bin = root.filePath(version + u"/bin"_s);
        if (QFileInfo::exists(bin + u"/initdb"_s))
            return bin;
    }
    return {};
}

} // namespace

PostgresProcess::PostgresProcess() = default;

PostgresProcess::~PostgresProcess()
{
    stop();
}

bool PostgresProcess::runAsOwner(QProcess &process, const QString &program, const QStringList &arguments)
{
    if (::geteuid() == 0) {
        const passwd *user = ::getpwnam("postgres");
        if (!user) {
            qWarning("running as root, but there is no postgres user to run PostgreSQL as");
            return false;
        }
        const uid_t uid = user->pw_uid;
        const gid_t gid = user->pw_gid;
        // Runs in the child between fork and exec: only async-signal-safe calls.
        process.setChildProcessModifier([uid, gid] {
            if (::setgroups(0, nullptr) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0)
                ::_exit(127);
        });
    }
    process.setWorkingDirectory(m_dir->path());
    process.start(program, arguments);
    return process.waitForStarted(10000);
}

bool PostgresProcess::start()
{
    m_binDir = findBinDir();
    if (m_binDir.isEmpty()) {
        qWarning("PostgreSQL is not installed (Debian: apt-get install postgresql)");
        return false;
    }
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/kaiwa-pg-XXXXXX"_s);
    if (!m_dir->isValid())
        return false;
    if (::geteuid() == 0) {
        if (const passwd *user = ::getpwnam("postgres")) {
            if (::chown(QFile::encodeName(m_dir->path()).constData(), user->pw_uid, user->pw_gid) != 0)
                qWarning("cannot hand %s to the postgres user", qPrintable(m_dir->path()));
        }
    }
    const QString data = m_dir->path() + u"/data"_s;
    QProcess initdb;
    initdb.setProcessChannelMode(QProcess::MergedChannels);
    if (!runAsOwner(initdb, m_binDir + u"/initdb"_s,
                    {u"-D"_s, data, u"-A"_s, u"trust"_s, u"-U"_s, u"kaiwa"_s, u"-E"_s, u"UTF8"_s, u"--no-sync"_s,
                     u"--locale=C"_s})
        || !initdb.waitForFinished(120000) || initdb.exitCode() != 0) {
        qWarning("initdb failed:\n%s", initdb.readAll().constData());
        return false;
    }

    m_port = ChildProcess::freeLoopbackPort();
    return startServer();
}

bool PostgresProcess::restart()
{
    return m_dir && startServer();
}

bool PostgresProcess::startServer()
{
    const QString data = m_dir->path() + u"/data"_s;
    m_server.setProcessChannelMode(QProcess::MergedChannels);
    if (!runAsOwner(m_server, m_binDir + u"/postgres"_s,
                    {u"-D"_s, data, u"-k"_s, m_dir->path(), u"-p"_s, QString::number(m_port), u"-h"_s, u"127.0.0.1"_s,
                     u"-c"_s, u"fsync=off"_s, u"-c"_s, u"full_page_writes=off"_s, u"-c"_s, u"max_connections=100"_s})) {
        qWarning("postgres did not start: %s", qPrintable(m_server.errorString()));
        return false;
    }
    return ChildProcess::waitForOutput(m_server, "database system is ready to accept connections", 60000, "postgres");
}

void PostgresProcess::stop()
{
    if (m_server.state() == QProcess::NotRunning)
        return;
    ::kill(pid_t(m_server.processId()), SIGINT); // fast shutdown
    if (!m_server.waitForFinished(15000)) {
        m_server.kill();
        m_server.waitForFinished(5000);
    }
}

bool PostgresProcess::createDatabase(const QString &name, const QString &templateDatabase)
{
    QString sql = u"CREATE DATABASE \"%1\""_s.arg(name);
    if (!templateDatabase.isEmpty())
        sql += u" TEMPLATE \"%1\""_s.arg(templateDatabase);
    return psql(u"postgres"_s, sql).has_value();
}

std::optional<QByteArray> PostgresProcess::psql(const QString &database, const QString &sql)
{
    QProcess psql;
    psql.start(m_binDir + u"/psql"_s,
               {u"-h"_s, u"127.0.0.1"_s, u"-p"_s, QString::number(m_port), u"-U"_s, u"kaiwa"_s, u"-d"_s, database,
                u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-A"_s, u"-t"_s, u"-q"_s, u"-c"_s, sql});
    if (!psql.waitForFinished(30000) || psql.exitStatus() != QProcess::NormalExit || psql.exitCode() != 0) {
        qWarning("psql %s failed: %s\n%s", qPrintable(sql), psql.readAllStandardOutput().constData(),
                 psql.readAllStandardError().constData());
        return std::nullopt;
    }
    return psql.readAllStandardOutput().trimmed();
}

QString PostgresProcess::url(const QString &database) const
{
    return u"postgresql://kaiwa@127.0.0.1:%1/%2"_s.arg(m_port).arg(database);
}

} // namespace KaiwaTest
