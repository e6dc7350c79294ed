// SPDX-License-Identifier: MIT
#include "chatlogmodel.h"

#include "logtimeformat.h"

namespace Kaiwa::Client {

namespace {

/// Client and server clocks disagree by a few seconds: only a longer wait is worth mentioning.
constexpr qint64 typedTimeNoticeSeconds = 10;

} // namespace

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
        return accessibleName(index, LogTimeFormat());
    case Qt::ToolTipRole:
        return toolTip(index, LogTimeFormat());
    case Qt::AccessibleDescriptionRole:
        // Apart from the text, which a sender could fill with "(signed in)" themselves.
        return entry.message.verified ? verifiedText(entry.message.user) : QString();
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
    case TypedTimeRole:
        return entry.typed;
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
        {TypedTimeRole, "typedTime"},
    });
    return names;
}

ChatLogModel::Entry ChatLogModel::received(const ChatMessage &message) const
{
    const bool own = m_ownTest && m_ownTest(message);
    return {Kind::Message, message, own, own ? Delivery::Delivered : Delivery::Received, {}};
}

void ChatLogModel::recheckOwn()
{
    for (qsizetype row = 0; row < firstPendingRow(); ++row) {
        Entry &entry = m_entries[row];
        // This run's own messages are known for sure; the test is for the others.
        if (entry.kind != Kind::Message || entry.typed.isValid())
            continue;
        const bool own = m_ownTest && m_ownTest(entry.message);
        if (own == entry.own)
            continue;
        entry.own = own;
        entry.delivery = own ? Delivery::Delivered : Delivery::Received;
        Q_EMIT dataChanged(index(int(row)), index(int(row)));
    }
}

void ChatLogModel::addMessage(const ChatMessage &message)
{
    if (const int row = rowOfClientId(message.clientId); row >= 0) {
        Entry &entry = m_entries[settle(row)];
        entry.message.id = message.id;
        entry.message.room = message.room;
        entry.message.user = message.user;
        entry.message.time = message.time;
        entry.message.verified = message.verified;
        entry.delivery = Delivery::Delivered;
        if (message.id > 0)
            m_ids.insert(message.id);
        const QModelIndex changed = index(int(&entry - m_entries.data()));
        Q_EMIT dataChanged(changed, changed);
        return;
    }
    if (message.id > 0 && m_ids.contains(message.id))
        return;
    insertConfirmed(received(message));
}

void ChatLogModel::addPending(const OutgoingMessage &message, const QString &sender)
{
    ChatMessage chatMessage;
    chatMessage.user = sender;
    chatMessage.time = message.created;
    chatMessage.text = message.text;
    chatMessage.clientId = message.clientId;
    const int row = int(m_entries.size());
    m_sentClientIds.insert(message.clientId);
    beginInsertRows({}, row, row);
    m_entries.append({Kind::Message, chatMessage, true, Delivery::Pending, message.created});
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
        page.append(received(message));
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
    insertConfirmed({Kind::Notice, message, false, Delivery::Received, {}});
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
    // Only the messages sent in this run are matched by client id (the others are known by id): most
    // messages need no search, and the rest are near the bottom.
    if (clientId.isEmpty() || !m_sentClientIds.contains(clientId))
        return -1;
    for (qsizetype row = m_entries.size() - 1; row >= 0; --row) {
        const Entry &entry = m_entries.at(row);
        if (entry.typed.isValid() && entry.message.clientId == clientId)
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

QString ChatLogModel::verifiedText(const QString &user)
{
    return tr("Signed in to the account %1 on this server.").arg(user);
}

QString ChatLogModel::deliveryText(Delivery delivery)
{
    switch (delivery) {
    case Delivery::Pending:
        return tr("waiting to be sent");
    case Delivery::Unconfirmed:
        return tr("delivery not confirmed");
    case Delivery::Failed:
        return tr("not delivered");
    case Delivery::Received:
    case Delivery::Delivered:
        break;
    }
    return {};
}

QString ChatLogModel::toolTip(const QModelIndex &index, const LogTimeFormat &format)
{
    const QDateTime time = index.data(TimeRole).toDateTime();
    QStringList lines{format.fullDateTime(time)};
    if (index.data(VerifiedRole).toBool())
        lines.append(verifiedText(index.data(SenderRole).toString()));
    const QDateTime typed = index.data(TypedTimeRole).toDateTime();
    const auto delivery = index.data(DeliveryRole).value<Delivery>();
    if (delivery == Delivery::Delivered && typed.isValid() && typed.secsTo(time) >= typedTimeNoticeSeconds)
        lines.append(tr("Written at %1 and sent when the connection was back; the time shown is when the server "
                        "received it.")
                         .arg(format.shortTime(typed)));
    if (const QString state = deliveryText(delivery); !state.isEmpty())
        lines.append(state);
    return lines.join(u'\n');
}

QString ChatLogModel::accessibleName(const QModelIndex &index, const LogTimeFormat &format)
{
    const QString text = index.data(TextRole).toString();
    if (index.data(KindRole).value<Kind>() == Kind::Notice)
        return text;
    const QString time = format.shortTime(index.data(TimeRole).toDateTime());
    QString name = tr("%1 at %2: %3").arg(index.data(SenderRole).toString(), time, text);
    if (index.data(DeliveryRole).value<Delivery>() == Delivery::Pending)
        name += u' ' + tr("(not sent yet)");
    return name;
}

QString ChatLogModel::accessibleDescription(const QModelIndex &index, const LogTimeFormat &format)
{
    return toolTip(index, format).replace(u'\n', u' ');
}

} // namespace Kaiwa::Client
