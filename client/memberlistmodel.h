// SPDX-License-Identifier: MIT
#pragma once

#include "common/member.h"

#include <QAbstractListModel>

namespace Kaiwa::Client {

/**
 * Who is in a room (kaiwa.v1 presence), ordered by display name, then member id. Two members may
 * share a name; rows are keyed by member id. Filled by Room from the presence list and kept
 * current with member.joined/member.left; empty while disconnected and on tutorial-only servers.
 */
class MemberListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Roles {
        IdRole = Qt::UserRole + 1, ///< QString: opaque member id.
        UserRole,                  ///< QString: display name (also Qt::DisplayRole).
        IsSelfRole,                ///< bool: this client's own connection.
    };
    Q_ENUM(Roles)

    explicit MemberListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_members.size()); }
    const QList<Member> &members() const { return m_members; }

    /// Replaces the list (a presence event); `selfId` marks this client's own entry.
    void reset(const QList<Member> &members, const QString &selfId);
    /// Adds a member in order; nothing when its id is already listed.
    void add(const Member &member);
    /// Removes a member; nothing when its id is not listed.
    void remove(const QString &id);
    /// Empties the list (the link went down); nothing happens when it is empty already.
    void clear();

Q_SIGNALS:
    void countChanged(int count);

private:
    static bool lessThan(const Member &a, const Member &b);

    QList<Member> m_members;
    QString m_selfId;
};

} // namespace Kaiwa::Client
