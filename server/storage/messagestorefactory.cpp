// SPDX-License-Identifier: MIT
#include "messagestorefactory.h"

#include "sqlitemessagestore.h"

#include <QRegularExpression>

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
    if (match.hasMatch()) {
        const QString scheme = match.captured(1).toLower();
        if (scheme == "postgresql"_L1 || scheme == "postgres"_L1)
            return fail(u"PostgreSQL support is not built yet"_s);
        return fail(
            u"Unknown message database scheme '%1' (expected a file path, :memory: or postgresql://)"_s.arg(scheme));
    }

    if (!SqliteMessageStore::isAvailable())
        return fail(u"The Qt SQLite driver (QSQLITE) is not available"_s);

    // QSqlDatabase connection names are process-wide; the counter keeps them unique.
    static std::atomic<int> s_counter { 0 };
    const QString connectionName = u"kaiwa-store-%1"_s.arg(++s_counter);
    return std::make_unique<SqliteMessageStore>(spec, connectionName);
}

} // namespace Kaiwa::Server
