// SPDX-License-Identifier: MIT
#include "memberlistmodel.h"

#include <algorithm>

namespace Kaiwa::Client {

MemberListModel::MemberListModel(QObject *parent)
    : QAbstractListModel(parent)
{
    m_byName.setCaseSensitivity(Qt::CaseInsensitive);
    m_byName.setNumericMode(true);
    m_byCase.setCaseSensitivity(Qt::CaseSensitive);
    m_byCase.setNumericMode(true);
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
    case Qt::AccessibleTextRole:
        return isSelf(member) ? tr("%1 (you)", "the user's own entry in the member list").arg(member.user)
                              : member.user;
    case UserRole:
        return member.user;
    case IdRole:
        return member.id;
    case IsSelfRole:
        return isSelf(member);
    default:
        return {};
    }
}

QHash<int, QByteArray> MemberListModel::roleNames() const
{
    return {{IdRole, "memberId"}, {UserRole, "user"}, {IsSelfRole, "isSelf"}, {Qt::DisplayRole, "display"}};
}

bool MemberListModel::lessThan(const Member &a, const Member &b) const
{
    if (const int byName = m_byName.compare(a.user, b.user); byName != 0)
        return byName < 0;
    if (const int byCase = m_byCase.compare(a.user, b.user); byCase != 0)
        return byCase < 0;
    return a.id < b.id;
}

bool MemberListModel::isSelf(const Member &member) const
{
    return !m_selfId.isEmpty() && member.id == m_selfId;
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
    std::sort(m_members.begin(), m_members.end(), [this](const Member &a, const Member &b) { return lessThan(a, b); });
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
    const auto position = std::lower_bound(m_members.cbegin(), m_members.cend(), member,
                                           [this](const Member &a, const Member &b) { return lessThan(a, b); });
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
