// SPDX-License-Identifier: MIT
#include "chatlogmodel.h"

#include <QLocale>

namespace Kaiwa::Client {

ChatLogModel::ChatLogModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int ChatLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant ChatLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return accessibleText(entry);
    case Qt::ToolTipRole: {
        const QString time = QLocale().toString(entry.message.time.toLocalTime(), QLocale::LongFormat);
        return entry.message.verified ? time + u'\n' + verifiedText(entry) : time;
    }
    case Qt::AccessibleDescriptionRole:
        // Apart from the text, which a sender could fill with "(signed in)" themselves.
        return entry.message.verified ? verifiedText(entry) : QString();
    case SenderRole:
        return entry.message.user;
    case VerifiedRole:
        return entry.message.verified;
    case TimeRole:
        return entry.message.time;
    case TextRole:
        return entry.message.text;
    case IsOwnRole:
        return entry.own;
    case IsPendingRole:
        return entry.delivery == Delivery::Pending;
    case IdRole:
        return entry.message.id;
    case ClientIdRole:
        return entry.own ? entry.message.clientId : QString();
    case DeliveryRole:
        return QVariant::fromValue(entry.delivery);
    case KindRole:
        return QVariant::fromValue(entry.kind);
    default:
        return {};
    }
}

QHash<int, QByteArray> ChatLogModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({
        {SenderRole, "sender"},
        {TimeRole, "time"},
        {TextRole, "text"},
        {IsOwnRole, "isOwn"},
        {IsPendingRole, "isPending"},
        {IdRole, "messageId"},
        {ClientIdRole, "clientId"},
        {DeliveryRole, "delivery"},
        {KindRole, "kind"},
        {VerifiedRole, "verified"},
    });
    return names;
}

void ChatLogModel::addMessage(const ChatMessage &message)
{
    if (const int row = rowOfClientId(message.clientId); row >= 0) {
        Entry &entry = m_entries[settle(row)];
        entry.message.id = message.id;
        entry.message.room = message.room;
        entry.message.user = message.user;
        entry.message.time = message.time;
        entry.delivery = Delivery::Delivered;
        if (message.id > 0)
            m_ids.insert(message.id);
        const QModelIndex changed = index(int(&entry - m_entries.data()));
        Q_EMIT dataChanged(changed, changed);
        return;
    }
    if (message.id > 0 && m_ids.contains(message.id))
        return;
    insertConfirmed({Kind::Message, message, false, Delivery::Received});
}

void ChatLogModel::addPending(const OutgoingMessage &message, const QString &sender)
{
    ChatMessage chatMessage;
    chatMessage.user = sender;
    chatMessage.time = message.created;
    chatMessage.text = message.text;
    chatMessage.clientId = message.clientId;
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append({Kind::Message, chatMessage, true, Delivery::Pending});
    ++m_pendingCount;
    endInsertRows();
}

void ChatLogModel::setDelivery(const QString &clientId, Delivery delivery, qint64 id)
{
    int row = rowOfClientId(clientId);
    if (row < 0)
        return;
    if (delivery != Delivery::Pending)
        row = settle(row);
    Entry &entry = m_entries[row];
    if (id > 0 && entry.message.id == 0) {
        entry.message.id = id;
        m_ids.insert(id);
    }
    entry.delivery = delivery;
    Q_EMIT dataChanged(index(row), index(row));
}

void ChatLogModel::prependHistory(const QList<ChatMessage> &messages)
{
    QList<Entry> page;
    page.reserve(messages.size());
    for (const ChatMessage &message : messages) {
        if (message.id > 0 && m_ids.contains(message.id))
            continue;
        if (message.id > 0)
            m_ids.insert(message.id);
        page.append({Kind::Message, message, false, Delivery::Received});
    }
    if (page.isEmpty())
        return;
    beginInsertRows({}, 0, int(page.size()) - 1);
    m_entries = page + m_entries;
    endInsertRows();
}

void ChatLogModel::addNotice(const QString &text)
{
    ChatMessage message;
    message.text = text;
    message.time = QDateTime::currentDateTimeUtc();
    insertConfirmed({Kind::Notice, message, false, Delivery::Received});
}

qint64 ChatLogModel::oldestId() const
{
    for (const Entry &entry : m_entries) {
        if (entry.message.id > 0)
            return entry.message.id;
    }
    return 0;
}

int ChatLogModel::rowOfClientId(const QString &clientId) const
{
    if (clientId.isEmpty())
        return -1;
    // Own entries that still change are near the bottom: search from there.
    for (qsizetype row = m_entries.size() - 1; row >= 0; --row) {
        const Entry &entry = m_entries.at(row);
        if (entry.own && entry.message.clientId == clientId)
            return int(row);
    }
    return -1;
}

void ChatLogModel::insertConfirmed(Entry entry)
{
    if (entry.message.id > 0)
        m_ids.insert(entry.message.id);
    const int row = firstPendingRow();
    beginInsertRows({}, row, row);
    m_entries.insert(row, std::move(entry));
    endInsertRows();
}

int ChatLogModel::settle(int row)
{
    if (m_entries.at(row).delivery != Delivery::Pending)
        return row;
    const int target = firstPendingRow();
    if (row != target) {
        beginMoveRows({}, row, row, {}, target);
        m_entries.move(row, target);
        endMoveRows();
    }
    --m_pendingCount;
    return target;
}

QString ChatLogModel::verifiedText(const Entry &entry) const
{
    return tr("Signed in to the account %1 on this server.").arg(entry.message.user);
}

QString ChatLogModel::accessibleText(const Entry &entry) const
{
    if (entry.kind == Kind::Notice)
        return entry.message.text;
    const QString time = QLocale().toString(entry.message.time.toLocalTime().time(), QLocale::ShortFormat);
    QString text = tr("%1 at %2: %3").arg(entry.message.user, time, entry.message.text);
    if (entry.delivery == Delivery::Pending)
        text += u' ' + tr("(not sent yet)");
    return text;
}

} // namespace Kaiwa::Client
