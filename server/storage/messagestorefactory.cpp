// SPDX-License-Identifier: MIT
#include "messagestorefactory.h"

#include "postgresmessagestore.h"
#include "sqlaccountstore.h"
#include "sqlitemessagestore.h"

#include <QRegularExpression>
#include <QUrl>

#include <atomic>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

std::unique_ptr<MessageStore> createMessageStore(const QString &spec, QString *error)
{
    const auto fail = [error](const QString &reason) {
        if (error)
            *error = reason;
        return nullptr;
    };

    if (spec.isEmpty())
        return fail(u"No message database given"_s);

    // "scheme://" with a scheme of two letters or more; "C:/x.db" stays a path.
    static const QRegularExpression urlScheme(u"^([A-Za-z][A-Za-z0-9+.-]+)://"_s);
    const QRegularExpressionMatch match = urlScheme.match(spec);
    // QSqlDatabase connection names are process-wide; the counter keeps them unique.
    static std::atomic<int> s_counter { 0 };
    if (match.hasMatch()) {
        const QString scheme = match.captured(1).toLower();
        if (scheme == "postgresql"_L1 || scheme == "postgres"_L1) {
            const QUrl url(spec, QUrl::StrictMode);
            if (!url.isValid() || url.path().size() < 2)
                return fail(u"Invalid PostgreSQL URL (expected postgresql://USER[:PASSWORD]@HOST[:PORT]/DB)"_s);
            if (!PostgresMessageStore::isAvailable())
                return fail(u"The Qt PostgreSQL driver (QPSQL) is not available; install libqt6sql6-psql"_s);
            return std::make_unique<PostgresMessageStore>(url, u"kaiwa-store-%1"_s.arg(++s_counter));
        }
        return fail(
            u"Unknown message database scheme '%1' (expected a file path, :memory: or postgresql://)"_s.arg(scheme));
    }

    if (!SqliteMessageStore::isAvailable())
        return fail(u"The Qt SQLite driver (QSQLITE) is not available"_s);

    const QString connectionName = u"kaiwa-store-%1"_s.arg(++s_counter);
    return std::make_unique<SqliteMessageStore>(spec, connectionName);
}

std::unique_ptr<AccountStore> createAccountStore(MessageStore *store)
{
    // The factory made the store, so it knows the concrete types: no dynamic_cast needed.
    if (!store)
        return nullptr;
    if (store->backendId() == "sqlite"_L1)
        return std::make_unique<SqlAccountStore>(u"sqlite"_s, static_cast<SqliteMessageStore *>(store)->connectionName());
    if (store->backendId() == "postgresql"_L1)
        return std::make_unique<SqlAccountStore>(u"postgresql"_s,
                                                 static_cast<PostgresMessageStore *>(store)->connectionName());
    return nullptr;
}

QString sqliteDatabaseFile(const MessageStore *store)
{
    if (!store || store->backendId() != "sqlite"_L1)
        return {};
    return static_cast<const SqliteMessageStore *>(store)->databaseFile();
}

} // namespace Kaiwa::Server
