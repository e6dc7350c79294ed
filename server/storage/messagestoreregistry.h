// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/messagestore.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace Kaiwa::Server {

/**
 * The message-store backends a `--database` value can name, chosen by its URL scheme, as quassel's
 * Core::registerStorageBackend<T>() registers its storage backends: a new backend is one
 * registerBackend<T>() call, not another branch of an if-chain.
 *
 * A backend class T provides, as static members:
 * - `QStringList urlSchemes()`: the schemes it serves (`postgresql`, `postgres`); empty for the one
 *   backend that takes file paths, `file:` URIs and `:memory:` (what has no `scheme://`);
 * - `QString specUsage()`: how its values look, for the error about an unknown scheme;
 * - `std::unique_ptr<MessageStore> create(const QString &spec, const QString &connectionName, QString *error)`:
 *   the store, closed, or nullptr with the reason (an invalid value, its Qt SQL driver missing).
 *
 * Each store gets its own QSqlDatabase connection name. Everything that comes with a database comes
 * from its store: the accounts (MessageStore::createAccountStore()) and the file to lock
 * (MessageStore::databaseFile()).
 */
class MessageStoreRegistry
{
public:
    using Factory = std::unique_ptr<MessageStore> (*)(const QString &spec, const QString &connectionName,
                                                      QString *error);
    struct Backend {
        QStringList urlSchemes;
        QString specUsage;
        Factory create = nullptr;
    };

    /// SQLite (paths, `file:` URIs, `:memory:`) and PostgreSQL (`postgresql://`, `postgres://`).
    static MessageStoreRegistry withBuiltinBackends();

    template<typename Store>
    void registerBackend()
    {
        registerBackend(Backend{Store::urlSchemes(), Store::specUsage(), &Store::create});
    }
    void registerBackend(Backend backend);

    /**
     * The store a `--database` value names, closed (call open() and check it), or nullptr with the
     * reason in `error` (which may be null).
     */
    std::unique_ptr<MessageStore> create(const QString &spec, QString *error = nullptr) const;

private:
    QList<Backend> m_backends;
};

/// MessageStoreRegistry::withBuiltinBackends().create(spec, error): what `--database` names.
std::unique_ptr<MessageStore> createMessageStore(const QString &spec, QString *error = nullptr);

} // namespace Kaiwa::Server
