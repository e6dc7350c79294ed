// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/accountstore.h"
#include "server/storage/messagestore.h"

#include <QString>

#include <memory>

namespace Kaiwa::Server {

/**
 * Builds the message store a `--database` value names:
 * - a file path, a `file:` URI or ":memory:": SqliteMessageStore;
 * - `postgresql://USER[:PASSWORD]@HOST[:PORT]/DB` (or `postgres://`): PostgresMessageStore.
 *
 * The store comes back closed: call open() and check it. Each store gets its own
 * QSqlDatabase connection name.
 *
 * @param error receives the reason when nullptr is returned; may be null.
 */
std::unique_ptr<MessageStore> createMessageStore(const QString &spec, QString *error = nullptr);

/**
 * The AccountStore on the same database and connection as `store` (one createMessageStore()
 * made), or nullptr for a backend without accounts. `store` must outlive it.
 */
std::unique_ptr<AccountStore> createAccountStore(MessageStore *store);

/// The file an SQLite store made by createMessageStore() opened; empty for other backends and in memory.
QString sqliteDatabaseFile(const MessageStore *store);

} // namespace Kaiwa::Server
