// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/messagestoreregistry.h"
#include "util/postgresprocess.h"

#include <QTest>

#include <memory>

namespace KaiwaTest {

/**
 * The backends a suite of the stores beside the message store (accounts, read markers) runs on, as data rows:
 * SQLite in memory, and PostgreSQL with a new database for each store, in one cluster started by start().
 */
class BackendStores
{
public:
    /// @param databasePrefix names the suite's PostgreSQL databases ("accounts1", "accounts2"...).
    explicit BackendStores(const QString &databasePrefix)
        : m_prefix(databasePrefix)
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
        QString spec = QStringLiteral(":memory:");
        if (backend == QLatin1String("postgresql")) {
            const QString name = m_prefix + QString::number(++m_databases);
            if (!m_postgres.createDatabase(name))
                return nullptr;
            spec = m_postgres.url(name);
        }
        QString error;
        auto store = Kaiwa::Server::createMessageStore(spec, &error);
        if (!store || !store->open()) {
            qWarning("%s", qPrintable(store ? store->errorString() : error));
            return nullptr;
        }
        return store;
    }

private:
    QString m_prefix;
    PostgresProcess m_postgres;
    bool m_postgresStarted = false;
    int m_databases = 0;
};

} // namespace KaiwaTest
