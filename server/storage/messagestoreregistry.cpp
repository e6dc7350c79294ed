// SPDX-License-Identifier: MIT
#include "messagestoreregistry.h"

#include "postgresmessagestore.h"
#include "sqlitemessagestore.h"

#include <QRegularExpression>

#include <algorithm>
#include <atomic>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

MessageStoreRegistry MessageStoreRegistry::withBuiltinBackends()
{
    MessageStoreRegistry registry;
    registry.registerBackend<SqliteMessageStore>();
    registry.registerBackend<PostgresMessageStore>();
    return registry;
}

void MessageStoreRegistry::registerBackend(Backend backend)
{
    m_backends.append(std::move(backend));
}

std::unique_ptr<MessageStore> MessageStoreRegistry::create(const QString &spec, QString *error) const
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
    const QString scheme = match.hasMatch() ? match.captured(1).toLower() : QString();
    const auto backend = std::find_if(m_backends.cbegin(), m_backends.cend(), [&scheme](const Backend &candidate) {
        return scheme.isEmpty() ? candidate.urlSchemes.isEmpty() : candidate.urlSchemes.contains(scheme);
    });
    if (backend == m_backends.cend()) {
        // "a file path, :memory: or postgresql://"
        QString expected;
        for (qsizetype i = 0; i < m_backends.size(); ++i)
            expected += (i == 0 ? u""_s : i + 1 < m_backends.size() ? u", "_s : u" or "_s) + m_backends.at(i).specUsage;
        return fail(u"Unknown message database scheme '%1' (expected %2)"_s.arg(scheme, expected));
    }
    // QSqlDatabase connection names are process-wide; the counter keeps them unique.
    static std::atomic<int> s_counter{0};
    return backend->create(spec, u"kaiwa-store-%1"_s.arg(++s_counter), error);
}

std::unique_ptr<MessageStore> createMessageStore(const QString &spec, QString *error)
{
    return MessageStoreRegistry::withBuiltinBackends().create(spec, error);
}

} // namespace Kaiwa::Server
