// SPDX-License-Identifier: MIT
#include "chatlogmodel.h"

#include "logtimeformat.h"

#include "common/mentions.h"
#include "common/protocol.h"

#include <algorithm>

namespace Kaiwa::Client {

using namespace Qt::StringLiterals;

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
    case ReplyRole:
        return entry.message.replyTo ? QVariant::fromValue(*entry.message.replyTo) : QVariant();
    case EditedRole:
        return entry.message.edited;
    case DeletedRole:
        return entry.message.deleted;
    case ReactionsRole:
        return QVariant::fromValue(entry.message.reactions);
    case OwnReactionsRole:
        return entry.ownReactions;
    case MentionsRole:
        return entry.message.mentions;
    case MentionsYouRole:
        return Mentions::addresses(entry.message.mentions, m_ownNames);
    case NewMessagesRole:
        return m_dividerId > 0 && entry.kind == Kind::Message && entry.message.id == m_dividerId;
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
        {ReplyRole, "replyTo"},
        {EditedRole, "edited"},
        {DeletedRole, "deleted"},
        {ReactionsRole, "reactions"},
        {OwnReactionsRole, "ownReactions"},
        {MentionsRole, "mentions"},
        {MentionsYouRole, "mentionsYou"},
        {NewMessagesRole, "newMessages"},
    });
    return names;
}

ChatLogModel::Entry ChatLogModel::received(const ChatMessage &message, qint64 stateUpTo) const
{
    const bool own = m_ownTest && m_ownTest(message);
    Entry entry{Kind::Message, message, own, own ? Delivery::Delivered : Delivery::Received, {}};
    entry.stateUpTo = std::max(message.id, stateUpTo);
    // A summary names reactors by display name only: the user's are those under the user's names.
    for (const ReactionSummary &reaction : message.reactions) {
        if (std::any_of(m_ownNames.cbegin(), m_ownNames.cend(),
                        [&](const QString &name) { return !name.isEmpty() && reaction.users.contains(name); }))
            entry.ownReactions.append(reaction.emoji);
    }
    return entry;
}

void ChatLogModel::setOwnNames(const QStringList &names)
{
    if (names == m_ownNames)
        return;
    m_ownNames = names;
    if (!m_entries.isEmpty())
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {MentionsYouRole});
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
    updateDivider();
}

void ChatLogModel::addMessage(const ChatMessage &message, qint64 stateUpTo)
{
    if (const int row = rowOfClientId(message.clientId); row >= 0) {
        Entry &entry = m_entries[settle(row)];
        entry.message.id = message.id;
        entry.message.room = message.room;
        entry.message.user = message.user;
        entry.message.time = message.time;
        entry.message.verified = message.verified;
        entry.message.replyTo = message.replyTo;
        entry.message.mentions = message.mentions;
        entry.stateUpTo = std::max(message.id, stateUpTo);
        entry.delivery = Delivery::Delivered;
        if (message.id > 0)
            m_ids.insert(message.id);
        const QModelIndex changed = index(int(&entry - m_entries.data()));
        Q_EMIT dataChanged(changed, changed);
        return;
    }
    if (message.id > 0 && m_ids.contains(message.id))
        return;
    insertConfirmed(received(message, stateUpTo));
}

void ChatLogModel::addPending(const OutgoingMessage &message, const QString &sender,
                              const std::optional<ReplyQuote> &quote)
{
    ChatMessage chatMessage;
    chatMessage.user = sender;
    chatMessage.time = message.created;
    chatMessage.text = message.text;
    chatMessage.clientId = message.clientId;
    chatMessage.replyTo = quote;
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
        entry.stateUpTo = id;
        m_ids.insert(id);
    }
    entry.delivery = delivery;
    Q_EMIT dataChanged(index(row), index(row));
}

void ChatLogModel::prependHistory(const QList<ChatMessage> &messages, qint64 stateUpTo)
{
    QList<Entry> page;
    page.reserve(messages.size());
    for (const ChatMessage &message : messages) {
        if (message.id > 0 && m_ids.contains(message.id))
            continue;
        if (message.id > 0)
            m_ids.insert(message.id);
        page.append(received(message, stateUpTo));
    }
    if (page.isEmpty())
        return;
    beginInsertRows({}, 0, int(page.size()) - 1);
    m_entries = page + m_entries;
    endInsertRows();
    updateDivider();
}

void ChatLogModel::addNotice(const QString &text)
{
    ChatMessage message;
    message.text = text;
    message.time = QDateTime::currentDateTimeUtc();
    insertConfirmed({Kind::Notice, message, false, Delivery::Received, {}});
}

void ChatLogModel::clearHistory()
{
    const int confirmed = firstPendingRow();
    if (confirmed > 0) {
        beginRemoveRows({}, 0, confirmed - 1);
        m_entries.remove(0, confirmed);
        endRemoveRows();
    }
    m_ids.clear();
    updateDivider();
}

bool ChatLogModel::takeEvent(Entry &entry, qint64 eventId)
{
    if (eventId > 0 && eventId <= entry.stateUpTo)
        return false;
    entry.stateUpTo = std::max(entry.stateUpTo, eventId);
    return true;
}

void ChatLogModel::changed(int row)
{
    Q_EMIT dataChanged(index(row), index(row));
}

bool ChatLogModel::applyEdit(const ChatEditEvent &edit)
{
    const int row = rowOfId(edit.target);
    if (row < 0)
        return false;
    Entry &entry = m_entries[row];
    // A replayed edit of a message deleted since has no text: the tombstone stays.
    if (!takeEvent(entry, edit.id) || edit.deleted || entry.message.deleted)
        return false;
    entry.message.text = edit.text;
    entry.message.edited = edit.time;
    entry.message.mentions = edit.mentions;
    changed(row);
    return true;
}

bool ChatLogModel::applyDelete(const ChatDeleteEvent &deletion)
{
    const int row = rowOfId(deletion.target);
    if (row < 0 || !takeEvent(m_entries[row], deletion.id))
        return false;
    Entry &entry = m_entries[row];
    entry.message.deleted = true;
    entry.message.text.clear();
    entry.message.mentions.clear();
    entry.message.reactions.clear();
    entry.message.replyTo.reset();
    entry.ownReactions.clear();
    changed(row);
    // Replies keep their place; their quotes now say the message is gone, as a replay would.
    for (qsizetype other = 0; other < m_entries.size(); ++other) {
        std::optional<ReplyQuote> &quote = m_entries[other].message.replyTo;
        if (quote && quote->id == deletion.target && !quote->deleted) {
            quote->deleted = true;
            quote->excerpt.clear();
            changed(int(other));
        }
    }
    return true;
}

bool ChatLogModel::applyReaction(const ChatReactionEvent &reaction, bool own)
{
    const int row = rowOfId(reaction.target);
    if (row < 0 || m_entries.at(row).message.deleted || !takeEvent(m_entries[row], reaction.id))
        return false;
    Entry &entry = m_entries[row];
    QList<ReactionSummary> &summaries = entry.message.reactions;
    auto summary = std::find_if(summaries.begin(), summaries.end(),
                                [&](const ReactionSummary &known) { return known.emoji == reaction.emoji; });
    if (reaction.added) {
        if (summary == summaries.end())
            summary = summaries.insert(summaries.end(), ReactionSummary{reaction.emoji, 0, {}});
        ++summary->count;
        if (summary->users.size() < Protocol::maxReactionUsersListed)
            summary->users.append(reaction.user);
        if (own && !entry.ownReactions.contains(reaction.emoji))
            entry.ownReactions.append(reaction.emoji);
    } else {
        if (summary == summaries.end())
            return false;
        summary->users.removeOne(reaction.user);
        if (--summary->count <= 0)
            summaries.erase(summary);
        if (own)
            entry.ownReactions.removeAll(reaction.emoji);
    }
    changed(row);
    return true;
}

int ChatLogModel::rowOfId(qint64 id) const
{
    if (id <= 0 || !m_ids.contains(id))
        return -1;
    // Ids grow down the log, and what is looked for is mostly recent: search from the bottom.
    for (qsizetype row = m_entries.size() - 1; row >= 0; --row) {
        if (m_entries.at(row).message.id == id)
            return int(row);
    }
    return -1;
}

std::optional<ReplyQuote> ChatLogModel::quoteOf(qint64 id) const
{
    const int row = rowOfId(id);
    if (row < 0)
        return std::nullopt;
    const ChatMessage &message = m_entries.at(row).message;
    return ReplyQuote{id, message.user, message.deleted ? QString() : ReplyQuote::excerptOf(message.text),
                      message.deleted};
}

int ChatLogModel::lastEditableRow() const
{
    for (int row = firstPendingRow() - 1; row >= 0; --row) {
        if (isEditable(index(row)))
            return row;
    }
    return -1;
}

bool ChatLogModel::isEditable(const QModelIndex &index)
{
    return index.isValid() && index.data(KindRole).value<Kind>() == Kind::Message && index.data(IsOwnRole).toBool()
           && index.data(IdRole).toLongLong() > 0 && !index.data(DeletedRole).toBool()
           && index.data(DeliveryRole).value<Delivery>() == Delivery::Delivered;
}

qint64 ChatLogModel::oldestId() const
{
    for (const Entry &entry : m_entries) {
        if (entry.message.id > 0)
            return entry.message.id;
    }
    return 0;
}

qint64 ChatLogModel::newestId() const
{
    qint64 newest = 0;
    for (const Entry &entry : m_entries)
        newest = std::max(newest, entry.message.id);
    return newest;
}

bool ChatLogModel::isUnreadAfter(const Entry &entry, qint64 id) const
{
    return entry.kind == Kind::Message && !entry.own && !entry.message.deleted && entry.message.id > id;
}

int ChatLogModel::countAfter(qint64 id, bool mentionsOnly) const
{
    // Confirmed messages are in id order: counted from the bottom up to the first one at or below `id`, so a
    // long log costs only its unread part.
    int count = 0;
    for (qsizetype row = m_entries.size() - 1; row >= 0; --row) {
        const Entry &entry = m_entries.at(row);
        if (entry.message.id > 0 && entry.message.id <= id)
            break;
        if (isUnreadAfter(entry, id) && (!mentionsOnly || Mentions::addresses(entry.message.mentions, m_ownNames)))
            ++count;
    }
    return count;
}

int ChatLogModel::countMentionsAfter(qint64 id) const
{
    return countAfter(id, true);
}

void ChatLogModel::setNewMessagesAfter(std::optional<qint64> id)
{
    m_dividerAfter = id;
    updateDivider();
}

void ChatLogModel::updateDivider()
{
    qint64 divider = 0;
    if (m_dividerAfter) {
        const auto first = std::find_if(m_entries.cbegin(), m_entries.cend(),
                                        [this](const Entry &entry) { return isUnreadAfter(entry, *m_dividerAfter); });
        if (first != m_entries.cend())
            divider = first->message.id;
    }
    if (divider == m_dividerId)
        return;
    const qint64 before = std::exchange(m_dividerId, divider);
    for (const qint64 id : {before, divider}) {
        if (const int row = rowOfId(id); id > 0 && row >= 0)
            changed(row);
    }
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
    updateDivider();
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
    if (const QDateTime edited = index.data(EditedRole).toDateTime(); edited.isValid())
        lines.append(tr("Edited %1").arg(format.fullDateTime(edited)));
    if (index.data(MentionsYouRole).toBool())
        lines.append(tr("Mentions you."));
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

QString ChatLogModel::deletedText()
{
    return tr("message deleted");
}

QString ChatLogModel::editedText()
{
    return tr("(edited)");
}

QString ChatLogModel::quoteText(const ReplyQuote &quote)
{
    return quote.deleted ? tr("%1: message deleted").arg(quote.user) : tr("%1: %2").arg(quote.user, quote.excerpt);
}

QString ChatLogModel::reactionsText(const QModelIndex &index)
{
    QStringList parts;
    const auto reactions = index.data(ReactionsRole).value<QList<ReactionSummary>>();
    for (const ReactionSummary &reaction : reactions)
        parts.append(u"%1 %2"_s.arg(reaction.emoji).arg(reaction.count));
    return parts.join(u", "_s);
}

QString ChatLogModel::reactorsText(const QModelIndex &index, const QString &emoji)
{
    const auto reactions = index.data(ReactionsRole).value<QList<ReactionSummary>>();
    for (const ReactionSummary &reaction : reactions) {
        if (reaction.emoji != emoji)
            continue;
        QString text = u"%1 %2"_s.arg(emoji, reaction.users.join(u", "_s));
        if (const qsizetype more = reaction.count - reaction.users.size(); more > 0)
            text += u' ' + tr("and %n more", nullptr, int(more));
        return text;
    }
    return {};
}

QString ChatLogModel::accessibleName(const QModelIndex &index, const LogTimeFormat &format)
{
    const bool deleted = index.data(DeletedRole).toBool();
    QString text = deleted ? deletedText() : index.data(TextRole).toString();
    if (index.data(KindRole).value<Kind>() == Kind::Notice)
        return text;
    if (const QVariant quote = index.data(ReplyRole); quote.isValid())
        text = tr("(in reply to %1) %2").arg(quoteText(quote.value<ReplyQuote>()), text);
    if (index.data(EditedRole).toDateTime().isValid() && !deleted)
        text += u' ' + editedText();
    if (const QString reactions = reactionsText(index); !reactions.isEmpty())
        text += u' ' + tr("(reactions: %1)").arg(reactions);
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
