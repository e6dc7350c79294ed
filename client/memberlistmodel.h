// SPDX-License-Identifier: MIT
#pragma once

#include "common/member.h"

#include <QAbstractListModel>
#include <QCollator>

namespace Kaiwa::Client {

/**
 * Who is in a room (kaiwa.v1 presence), ordered by display name as people read a list: by the
 * current locale's collation (QCollator), ignoring case, digits as numbers ("user2" before
 * "user10"); names that differ only in case keep the collation's case order, and the same name
 * twice is ordered by member id. Rows are keyed by member id. Filled by Room from the presence
 * list and kept current with member.joined/member.left; empty while disconnected and on
 * tutorial-only servers.
 *
 * Qt::DisplayRole marks this client's own entry ("alice (you)", translated); UserRole is the name
 * alone; Qt::ToolTipRole is the whole entry, for views that elide long names.
 */
class MemberListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Roles {
        IdRole = Qt::UserRole + 1, ///< QString: opaque member id.
        UserRole,                  ///< QString: the display name as the server sent it.
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
    bool lessThan(const Member &a, const Member &b) const;
    bool isSelf(const Member &member) const;

    QCollator m_byName; ///< Case-insensitive, numeric: the order.
    QCollator m_byCase; ///< Case-sensitive: only between names that m_byName finds equal.
    QList<Member> m_members;
    QString m_selfId;
};

} // namespace Kaiwa::Client
