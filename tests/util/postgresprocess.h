// SPDX-License-Identifier: MIT
#pragma once

#include <QProcess>
#include <QTemporaryDir>

#include <memory>
#include <optional>

namespace KaiwaTest {

/**
 * A throwaway PostgreSQL cluster (Debian's postgresql): initdb into a temporary folder, the
 * server on a free loopback port with trust authentication, fsync off. PostgreSQL refuses to
 * run as root, so under root (CI) initdb and the server run as the `postgres` system user
 * (the folder is handed to it). The superuser is `kaiwa`.
 */
class PostgresProcess
{
public:
    PostgresProcess();
    ~PostgresProcess();

    /// False (with a warning) when PostgreSQL is missing or does not come up in time.
    bool start();
    /// Fast shutdown (SIGINT: open connections are ended) and wait.
    void stop();
    /// After stop(): the same cluster again, on the same port.
    bool restart();
    bool isRunning() const { return m_server.state() != QProcess::NotRunning; }

    quint16 port() const { return m_port; }
    /// Creates a database, empty or as a copy of `templateDatabase`; false on failure.
    bool createDatabase(const QString &name, const QString &templateDatabase = {});
    /// Runs SQL with psql in `database` (unaligned, tuples only); nothing on failure (with a warning).
    std::optional<QByteArray> psql(const QString &database, const QString &sql);
    /// postgresql://kaiwa@127.0.0.1:PORT/NAME
    QString url(const QString &database) const;

private:
    bool startServer();
    bool runAsOwner(QProcess &process, const QString &program, const QStringList &arguments);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_binDir;
    QProcess m_server;
    quint16 m_port = 0;
};

} // namespace KaiwaTest
