// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/messagestoreregistry.h"
#include "util/postgresprocess.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace KaiwaTest {

/**
 * The backends a suite of the stores beside the message store (accounts, read markers) runs on, as data rows:
 * SQLite in memory or in files, and PostgreSQL with a new database for each store, in one cluster started by start().
 */
class BackendStores
{
public:
    enum class Sqlite {
        Memory,
        File, ///< A new file for each store, in a temporary folder: openAgain() can open it a second time.
    };

    /// @param databasePrefix names the suite's PostgreSQL databases and SQLite files ("accounts1", "accounts2"...).
    explicit BackendStores(const QString &databasePrefix, Sqlite sqlite = Sqlite::Memory)
        : m_prefix(databasePrefix)
        , m_sqlite(sqlite)
    {
    }

    /// Starts the PostgreSQL cluster (initTestCase); whether it runs is postgresStarted().
    void start() { m_postgresStarted = m_postgres.start(); }
    bool postgresStarted() const { return m_postgresStarted; }

    /// The `backend` column and a row per backend, for a test's _data function.
    static void addRows()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }

    /// A fresh, open store of the backend; nullptr (with a warning) when it cannot be made.
    std::unique_ptr<Kaiwa::Server::MessageStore> open(const QString &backend)
    {
        const QString name = m_prefix + QString::number(++m_databases);
        m_latest = QStringLiteral(":memory:");
        if (backend == QLatin1String("postgresql")) {
            if (!m_postgres.createDatabase(name))
                return nullptr;
            m_latest = m_postgres.url(name);
        } else if (m_sqlite == Sqlite::File) {
            m_latest = m_files.filePath(name + QStringLiteral(".sqlite"));
        }
        return openSpec(m_latest);
    }

    /// Another store on the database of the latest open() (a file or PostgreSQL), as a second daemon opens it.
    /// It may be opened on another thread (connection names are unique across threads).
    std::unique_ptr<Kaiwa::Server::MessageStore> openAgain() const { return openSpec(m_latest); }
    /// The database of the latest open(), as --database names it (a file path or a postgresql:// URL).
    QString latestDatabase() const { return m_latest; }

private:
    static std::unique_ptr<Kaiwa::Server::MessageStore> openSpec(const QString &spec)
    {
        QString error;
        auto store = Kaiwa::Server::createMessageStore(spec, &error);
        if (!store || !store->open()) {
            qWarning("%s", qPrintable(store ? store->errorString() : error));
            return nullptr;
        }
        return store;
    }

    QString m_prefix;
    Sqlite m_sqlite;
    QTemporaryDir m_files;
    QString m_latest;
    PostgresProcess m_postgres;
    bool m_postgresStarted = false;
    int m_databases = 0;
};

} // namespace KaiwaTest
