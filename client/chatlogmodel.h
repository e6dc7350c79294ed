// SPDX-License-Identifier: MIT
#pragma once

#include "outbox.h"

#include "common/chatmessage.h"
#include "common/serverevent.h"

#include <QAbstractListModel>
#include <QSet>

#include <functional>
#include <optional>

namespace Kaiwa::Client {

class LogTimeFormat;

/**
 * The chat log of one room, oldest first: received messages, the user's own messages (pending ones
 * at the bottom until the server confirms them) and notices from the client itself.
 *
 * Messages are deduplicated by server id and matched to pending entries by client id, so replays
 * after a reconnect, history pages and echoes of the user's own messages never show up twice.
 * Text is plain text; nothing in the model is HTML.
 *
 * The order is the server's (by id), which for the user's own messages is the order they were typed
 * in: the outbox writes them in that order and the server numbers them as they come. A message's time
 * is the server's, when it stored the message; an own message sent from the outbox after a reconnect
 * keeps the time it was typed as TypedTimeRole, which the tooltip mentions.
 *
 * Whether a received message is the user's own (sent before a restart, or from another device of the
 * same account) is decided by the room: setOwnTest().
 *
 * Conversations: edits, deletes and reactions are events of their own that change an earlier message
 * (applyEdit(), applyDelete(), applyReaction()); a reply carries a quote of the message it answers. Every
 * entry knows up to which event id its state is current (a message replayed or paged comes as it is now,
 * and the events replayed after it are already in it), so events are applied once, in any replay.
 * history.reset empties the log: clearHistory().
 */
class ChatLogModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum class Kind {
        Message,
        Notice, ///< A line from the client (e.g. "messages are missing here"); no sender.
    };
    Q_ENUM(Kind)

    enum class Delivery {
        Received,    ///< Someone else's message.
        Pending,     ///< Own message in the outbox.
        Delivered,   ///< Own message the server confirmed.
        Unconfirmed, ///< Own message whose confirmation was lost with the link (tutorial servers).
        Failed,      ///< Own message the server refused.
    };
    Q_ENUM(Delivery)

    enum Roles {
        SenderRole = Qt::UserRole + 1, ///< QString: display name as relayed.
        TimeRole,                      ///< QDateTime (UTC): when the server accepted it.
        TextRole,                      ///< QString: plain text.
        IsOwnRole,                     ///< bool: sent by this client.
        IsPendingRole,                 ///< bool: own and not yet confirmed.
        IdRole,                        ///< qint64: server id, 0 if none.
        ClientIdRole,                  ///< QString: idempotency key of own messages.
        DeliveryRole,                  ///< Delivery.
        KindRole,                      ///< Kind.
        VerifiedRole,                  ///< bool: the sender was signed in and the name is its account's.
                                       ///< Qt::AccessibleDescriptionRole and the tool tip say so in words.
        TypedTimeRole,                 ///< QDateTime (UTC): when the user sent an own message of this run.
        ReplyRole,                     ///< Kaiwa::ReplyQuote of the message this one answers; invalid when none.
        EditedRole,                    ///< QDateTime (UTC): when the text was last edited; invalid when never.
        DeletedRole,                   ///< bool: taken back; the text is gone.
        ReactionsRole,                 ///< QList<Kaiwa::ReactionSummary>: per emoji, in the order they came.
        OwnReactionsRole,              ///< QStringList: the emoji among them the user put there.
        MentionsRole,                  ///< QStringList: the names the text addresses with `@name`.
        MentionsYouRole,               ///< bool: one of them is the user's display name or account (setOwnNames()).
        NewMessagesRole,               ///< bool: the "new messages" divider is above this row (setNewMessagesAfter()).
    };
    Q_ENUM(Roles)

    explicit ChatLogModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Decides whether a received message (live, replayed or from history) is the user's own.
    using OwnTest = std::function<bool(const Kaiwa::ChatMessage &)>;
    /// Sets the test for messages from now on; recheckOwn() applies it to those in the log.
    void setOwnTest(OwnTest test) { m_ownTest = std::move(test); }
    /// Applies the own test again to every confirmed message (after a sign-in, say).
    void recheckOwn();
    /// The names a mention of the user may use (display name, account): MentionsYouRole and own reactions.
    void setOwnNames(const QStringList &names);

    /**
     * Adds a received message: updates the own entry with the same client id, ignores an id already
     * in the log, appends anything else (above the pending block). `stateUpTo`: the newest event id the
     * message's state already holds (a replay's); events up to it are not applied to it again.
     */
    void addMessage(const Kaiwa::ChatMessage &message, qint64 stateUpTo = 0);
    /// Adds an own message that waits in the outbox, at the bottom; `quote`: the message it answers.
    void addPending(const OutgoingMessage &message, const QString &sender,
                    const std::optional<Kaiwa::ReplyQuote> &quote = std::nullopt);
    /// Sets the delivery state of an own message; `id` (if not 0) becomes its server id.
    void setDelivery(const QString &clientId, Delivery delivery, qint64 id = 0);
    /// Inserts a page of older messages (oldest first) at the top, skipping known ids; see addMessage().
    void prependHistory(const QList<Kaiwa::ChatMessage> &messages, qint64 stateUpTo = 0);
    /// Adds a client notice above the pending block.
    void addNotice(const QString &text);
    /// Drops every message the server confirmed (another history follows); pending ones stay.
    void clearHistory();

    /// The target now reads the edit's text. False when the target is not in the log or the edit was applied.
    bool applyEdit(const Kaiwa::ChatEditEvent &edit);
    /// The target becomes a tombstone, and the quotes of it in replies say it was deleted.
    bool applyDelete(const Kaiwa::ChatDeleteEvent &deletion);
    /// Counts the reaction in (or out of) the target's summary; `own`: the user reacted (or took it back).
    bool applyReaction(const Kaiwa::ChatReactionEvent &reaction, bool own);

    /// The row of the message with this server id; -1 when it is not in the log.
    int rowOfId(qint64 id) const;
    /// What a reply to the message `id` quotes of it; nothing when it is not in the log.
    std::optional<Kaiwa::ReplyQuote> quoteOf(qint64 id) const;
    /// The newest message of the user that can still be edited (confirmed, not deleted); -1 when none.
    int lastEditableRow() const;
    /// Whether the message in `index` can be edited and deleted by the user: own, confirmed, not deleted.
    static bool isEditable(const QModelIndex &index);

    /// The smallest server id in the log, 0 if none.
    qint64 oldestId() const;
    /// The largest server id in the log, 0 if none.
    qint64 newestId() const;
    /// Messages of others (not deleted) with ids above `id`: what is unread after a read marker at `id`.
    int countAfter(qint64 id, bool mentionsOnly = false) const;
    /// Those of them that mention the user.
    int countMentionsAfter(qint64 id) const;
    /**
     * Puts the "new messages" divider above the first message of someone else whose id is above `id` (the
     * read marker when the user came to the room), as messages come and go; nothing removes it.
     */
    void setNewMessagesAfter(std::optional<qint64> id);
    /// The id of the message the divider is above; 0 when there is none.
    qint64 newMessagesId() const { return m_dividerId; }
    qsizetype pendingCount() const { return m_pendingCount; }

    /// What the views say of a message when asked: the tooltip (full date and time, sign-in, delivery).
    static QString toolTip(const QModelIndex &index, const LogTimeFormat &format);
    /// A message as a screen reader says it: "alice at 21:04: hello" (notices: their text).
    static QString accessibleName(const QModelIndex &index, const LogTimeFormat &format);
    /// What the name leaves out: the full date and time, whether the sender is signed in, delivery.
    static QString accessibleDescription(const QModelIndex &index, const LogTimeFormat &format);
    /// What a deleted message reads instead of its text: "message deleted".
    static QString deletedText();
    /// The mark of an edited message beside its time: "(edited)".
    static QString editedText();
    /// A reply's quote in one line: "alice: the start of her text" (or that it was deleted).
    static QString quoteText(const Kaiwa::ReplyQuote &quote);
    /// The reactions in words: "👍 2, 🎉 1"; empty when there are none.
    static QString reactionsText(const QModelIndex &index);
    /// Who reacted with `emoji`: "👍 alice, bob", "and 3 more" when the server named only some.
    static QString reactorsText(const QModelIndex &index, const QString &emoji);
    /// The delivery state in words ("waiting to be sent"); empty for received and delivered messages.
    static QString deliveryText(Delivery delivery);

private:
    struct Entry {
        Kind kind = Kind::Message;
        Kaiwa::ChatMessage message;
        bool own = false;
        Delivery delivery = Delivery::Received;
        QDateTime typed;          ///< Own messages of this run: when the user sent it.
        qint64 stateUpTo = 0;     ///< Events with ids up to this one are in the state already.
        QStringList ownReactions; ///< The emoji the user put on it.
    };

    int rowOfClientId(const QString &clientId) const;
    /// Row where confirmed entries end and pending ones begin.
    int firstPendingRow() const { return int(m_entries.size() - m_pendingCount); }
    void insertConfirmed(Entry entry);
    /// Moves a pending entry out of the pending block (to its top) before it stops being pending.
    int settle(int row);
    Entry received(const Kaiwa::ChatMessage &message, qint64 stateUpTo) const;
    /// Marks an event as applied to the entry; false when its state holds it already.
    static bool takeEvent(Entry &entry, qint64 eventId);
    void changed(int row);
    /// Whether the entry counts as unread after a marker at `id`.
    bool isUnreadAfter(const Entry &entry, qint64 id) const;
    /// Moves the divider to where setNewMessagesAfter() says it is now.
    void updateDivider();
    static QString verifiedText(const QString &user);

    QList<Entry> m_entries;
    QSet<qint64> m_ids;
    QSet<QString> m_sentClientIds; ///< Of the own messages added with addPending().
    qsizetype m_pendingCount = 0;
    OwnTest m_ownTest;
    QStringList m_ownNames;
    std::optional<qint64> m_dividerAfter;
    qint64 m_dividerId = 0;
};

} // namespace Kaiwa::Client
