// SPDX-License-Identifier: MIT
#include "memberlistmodel.h"

#include <algorithm>

namespace Kaiwa::Client {

MemberListModel::MemberListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int MemberListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_members.size());
}

QVariant MemberListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Member &member = m_members.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case UserRole:
        return member.user;
    case IdRole:
        return member.id;
    case IsSelfRole:
        return !m_selfId.isEmpty() && member.id == m_selfId;
    default:
        return {};
    }
}

QHash<int, QByteArray> MemberListModel::roleNames() const
{
    return {{IdRole, "memberId"}, {UserRole, "user"}, {IsSelfRole, "isSelf"}, {Qt::DisplayRole, "display"}};
}

bool MemberListModel::lessThan(const Member &a, const Member &b)
{
    const int byName = a.user.localeAwareCompare(b.user);
    return byName != 0 ? byName < 0 : a.id < b.id;
}

void MemberListModel::reset(const QList<Member> &members, const QString &selfId)
{
    // No reset for nothing: views re-lay out on every reset, and rooms clear on every state change.
    if (members.isEmpty() && m_members.isEmpty()) {
        m_selfId = selfId;
        return;
    }
    const int before = count();
    beginResetModel();
    m_members.clear();
    for (const Member &member : members) {
        if (std::none_of(m_members.cbegin(), m_members.cend(), [&](const Member &m) { return m.id == member.id; }))
            m_members.append(member);
    }
    std::sort(m_members.begin(), m_members.end(), &MemberListModel::lessThan);
    m_selfId = selfId;
    endResetModel();
    if (count() != before)
        Q_EMIT countChanged(count());
}

void MemberListModel::clear()
{
    m_selfId.clear();
    if (m_members.isEmpty())
        return;
    beginRemoveRows({}, 0, int(m_members.size()) - 1);
    m_members.clear();
    endRemoveRows();
    Q_EMIT countChanged(0);
}

void MemberListModel::add(const Member &member)
{
    if (std::any_of(m_members.cbegin(), m_members.cend(), [&](const Member &m) { return m.id == member.id; }))
        return;
    const auto position = std::lower_bound(m_members.cbegin(), m_members.cend(), member, &MemberListModel::lessThan);
    const int row = int(position - m_members.cbegin());
    beginInsertRows({}, row, row);
    m_members.insert(row, member);
    endInsertRows();
    Q_EMIT countChanged(count());
}

void MemberListModel::remove(const QString &id)
{
    const auto it = std::find_if(m_members.cbegin(), m_members.cend(), [&](const Member &m) { return m.id == id; });
    if (it == m_members.cend())
        return;
    const int row = int(it - m_members.cbegin());
    beginRemoveRows({}, row, row);
    m_members.removeAt(row);
    endRemoveRows();
    Q_EMIT countChanged(count());
}

} // namespace Kaiwa::Client
