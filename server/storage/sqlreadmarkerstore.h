// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/readmarkerstore.h"
#include "server/storage/sqlstatements.h"

#include <QVariant>

class QSqlError;
class QSqlQuery;

namespace Kaiwa::Server {

/**
 * ReadMarkerStore on the QSqlDatabase connection of a SqliteMessageStore or PostgresMessageStore (looked up by
 * connection name at each call, so it follows the message store's reconnects), with the SQL in
 * `sql/<backend>/read_marker_*.sql`. The mention counts read the `mentions` column the message store writes with
 * mentionsColumn() when it stores or edits a message.
 *
 * The message store must be open, and must outlive this object.
 */
class SqlReadMarkerStore final : public ReadMarkerStore
{
public:
    /// @param backend "sqlite" or "postgresql"; @param connectionName the message store's connection.
    SqlReadMarkerStore(const QString &backend, const QString &connectionName);

    /**
     * What `messages.mentions` holds for a message that mentions these names (Mentions::extract() of its text):
     * each folded (Mentions::fold) between line feeds ("\nalice\nbob\n"), so a count looks for one folded name
     * between line feeds; NULL when it mentions nobody (the messages_mentions index holds only those that do).
     */
    static QVariant mentionsColumn(const QStringList &names);

    std::optional<qint64> join(const QString &account, const QString &room, qint64 lastId) override;
    std::optional<qint64> advance(const QString &account, const QString &room, qint64 id) override;
    std::optional<QList<Marker>> markers(const QString &account) override;
    QString errorString() const override { return m_statements.errorString(); }

private:
    /// A read of one id: `ok` false when the statement failed (error set); else the id, or nothing without a row.
    struct IdRead {
        bool ok = false;
        std::optional<qint64> id;
    };
    IdRead readId(QSqlQuery &query, const QString &what);

    SqlStatements m_statements;
};

} // namespace Kaiwa::Server
