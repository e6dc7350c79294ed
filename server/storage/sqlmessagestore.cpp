// SPDX-License-Identifier: MIT
#include "sqlmessagestore.h"

#include "sqlaccountstore.h"
#include "sqlreadmarkerstore.h"
#include "sqlroompolicystore.h"
#include "storagelogging.h"

#include "common/mentions.h"
#include "common/protocol.h"

#include <QSqlError>
#include <QSqlRecord>

#include <algorithm>
#include <array>
#include <numeric>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 s_msPerDay = 24 * 60 * 60 * 1000;

// Resource names (sql/<backend>/<name>.sql), indexed by SqlMessageStore::Statement.
constexpr std::array<QLatin1StringView, 30> s_statementNames = {
    "begin_write"_L1,
    "commit"_L1,
    "rollback"_L1,
    "select_message_by_client_id"_L1,
    "bump_room"_L1,
    "release_room_id"_L1,
    "insert_message"_L1,
    "select_latest_messages"_L1,
    "select_messages_before"_L1,
    "select_messages_after"_L1,
    "select_first_id"_L1,
    "select_last_id"_L1,
    "select_rooms"_L1,
    "select_room"_L1,
    "select_rooms_over_count"_L1,
    "delete_oldest_messages"_L1,
    "delete_messages_older_than"_L1,
    "select_event"_L1,
    "update_message_text"_L1,
    "delete_message_text"_L1,
    "clear_target_texts"_L1,
    "delete_message_reactions"_L1,
    "select_reaction_counts"_L1,
    "insert_reaction"_L1,
    "delete_reaction"_L1,
    "select_reactions"_L1,
    "select_room_epoch"_L1,
    "select_room_state"_L1,
    "insert_room"_L1,
    "append_messages"_L1,
};

/// A text column that may be NULL: a typed null, which every driver binds as NULL.
QVariant nullable(const QString &text)
{
    return text.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

int clampLimit(int limit)
{
    return std::min(limit, SqlMessageStore::MaxPageSize);
}

QDateTime fromMs(const QVariant &value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

// Columns: room, message_count, last_id, last_activity.
RoomStats readRoomStats(const QSqlQuery &query)
{
    return RoomStats{query.value(0).toString(), query.value(1).toLongLong(), query.value(2).toLongLong(),
                     fromMs(query.value(3))};
}

} // namespace

SqlMessageStore::SqlMessageStore(const QString &backend, const QString &connectionName)
    : m_connectionName(connectionName)
    , m_sql(backend)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
}

std::unique_ptr<AccountStore> SqlMessageStore::createAccountStore()
{
    return std::make_unique<SqlAccountStore>(m_sql.backend(), m_connectionName);
}

std::unique_ptr<ReadMarkerStore> SqlMessageStore::createReadMarkerStore()
{
    return std::make_unique<SqlReadMarkerStore>(m_sql.backend(), m_connectionName);
}

std::unique_ptr<RoomPolicyStore> SqlMessageStore::createRoomPolicyStore()
{
    return std::make_unique<SqlRoomPolicyStore>(m_sql.backend(), m_connectionName);
}

bool SqlMessageStore::isOpen() const
{
    return m_db.isOpen() && !m_statements.empty();
}

void SqlMessageStore::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
}

bool SqlMessageStore::prepareStatements()
{
    static_assert(s_statementNames.size() == std::size_t(Statement::Count));
    m_statements.reserve(s_statementNames.size());
    for (const QLatin1StringView name : s_statementNames) {
        const Statement which = Statement(m_statements.size());
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        if (!usesStatement(which)) {
            m_statements.push_back(std::move(query));
            continue;
        }
        if (!prepareStatement(which, query, m_sql.query(name))) {
            setError(u"Cannot prepare statement %1"_s.arg(name), query.lastError());
            m_statements.clear();
            return false;
        }
        m_statements.push_back(std::move(query));
    }
    m_search = std::make_unique<SqlSearchIndex>(m_sql, m_db);
    if (!m_search->isReady()) {
        setError(m_search->errorString(), m_search->lastError());
        m_search.reset();
        m_statements.clear();
        return false;
    }
    return true;
}

bool SqlMessageStore::prepareStatement(Statement which, QSqlQuery &query, const QString &sql)
{
    Q_UNUSED(which)
    return query.prepare(sql);
}

void SqlMessageStore::closeConnection()
{
    // Queries first: removeDatabase() warns about (and leaks) a connection still in use.
    m_search.reset();
    m_statements.clear();
    if (m_db.isOpen())
        m_db.close();
    m_db = QSqlDatabase();
    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
}

bool SqlMessageStore::execute(QSqlQuery &query, const QString &what)
{
    if (query.exec())
        return true;
    setError(what, query.lastError());
    return false;
}

bool SqlMessageStore::execute(QSqlQuery &query, const QString &what, const QString &subject)
{
    if (query.exec())
        return true;
    setError(what.arg(subject), query.lastError());
    return false;
}

std::optional<QVariantList> SqlMessageStore::selectRow(const QString &name, const QString &what)
{
    QSqlQuery query(m_db);
    if (!query.exec(m_sql.query(name))) {
        setError(what, query.lastError());
        return std::nullopt;
    }
    if (!query.next()) {
        m_errorString = what + u": no row"_s;
        qCWarning(lcStorage).noquote() << m_errorString;
        return std::nullopt;
    }
    QVariantList row;
    for (int column = 0; column < query.record().count(); ++column)
        row.append(query.value(column));
    return row;
}

bool SqlMessageStore::checkOpen()
{
    if (isOpen())
        return true;
    m_errorString = u"The message database is not open"_s;
    return false;
}

QString SqlMessageStore::errorReason(const QSqlError &error)
{
    return error.databaseText().isEmpty() ? error.text() : error.databaseText();
}

void SqlMessageStore::setError(const QString &context, const QSqlError &error)
{
    m_errorString = u"%1: %2"_s.arg(context, errorReason(error));
    qCWarning(lcStorage).noquote() << m_errorString;
}

QString SqlMessageStore::notNull(const QString &text)
{
    return text.isNull() ? u""_s : text;
}

RoomEvent SqlMessageStore::readEvent(const QSqlQuery &query, const QString &room)
{
    const qint64 id = query.value(0).toLongLong();
    const QDateTime time = fromMs(query.value(1));
    const QString user = query.value(2).toString();
    const QString text = query.value(3).toString();
    const QString clientId = query.value(4).toString();
    const bool verified = query.value(5).toBool();
    const qint64 target = query.value(7).toLongLong();
    const bool deleted = query.value(10).toBool();
    switch (query.value(6).toInt()) {
    case EditKind:
        return ChatEditEvent{
            id,       room,    target,  text, user, time, deleted ? QStringList() : Mentions::extract(text),
            verified, deleted, clientId};
    case DeleteKind:
        return ChatDeleteEvent{id, room, target, user, time, query.value(15).toBool(), clientId};
    case ReactionKind:
        return ChatReactionEvent{id,   room,    target, query.value(13).toString(), user, query.value(14).toBool(),
                                 time, clientId};
    default:
        break;
    }
    ChatMessage message{
        .id = id, .room = room, .user = user, .time = time, .text = text, .clientId = clientId, .verified = verified};
    message.edited = fromMs(query.value(9));
    message.deleted = deleted;
    // A tombstone keeps nothing of what it said: no mentions, no quote.
    if (!deleted) {
        message.mentions = Mentions::extract(text);
        // A NULL excerpt: the answered message was deleted since.
        if (target > 0) {
            const QVariant excerpt = query.value(12);
            message.replyTo = ReplyQuote{target, query.value(11).toString(), excerpt.toString(), excerpt.isNull()};
        }
    }
    return message;
}

ChatMessage SqlMessageStore::readMessage(const QSqlQuery &query, const QString &room)
{
    return messageOf(readEvent(query, room));
}

ChatMessage SqlMessageStore::messageOf(const RoomEvent &event)
{
    if (const auto *message = std::get_if<ChatMessage>(&event))
        return *message;
    return ChatMessage{.id = RoomEvents::id(event), .room = RoomEvents::room(event)};
}

QList<ChatMessage> SqlMessageStore::readMessages(QSqlQuery &query, const QString &room, bool newestFirst)
{
    QList<ChatMessage> messages;
    if (!execute(query, u"Cannot read messages of room %1"_s, room))
        return messages;
    while (query.next())
        messages.append(readMessage(query, room));
    if (query.lastError().isValid())
        setError(u"Cannot read messages of room %1"_s.arg(room), query.lastError());
    // Always reset: a forward-only SELECT left open keeps a WAL read snapshot (SQLite), which blocks checkpoints.
    query.finish();
    if (newestFirst)
        std::reverse(messages.begin(), messages.end());
    QList<ChatMessage *> pointers;
    pointers.reserve(messages.size());
    for (ChatMessage &message : messages)
        pointers.append(&message);
    attachReactions(room, pointers);
    return messages;
}

void SqlMessageStore::indexSearchTail()
{
    if (!beginWrite())
        return;
    const auto indexed = m_search->indexTail(SqlSearchIndex::IndexBatch);
    if (!indexed) {
        qCWarning(lcStorage).noquote() << m_search->errorString() << errorReason(m_search->lastError());
        rollbackWrite();
        return;
    }
    commitWrite();
}

void SqlMessageStore::attachReactions(const QString &room, const QList<ChatMessage *> &messages)
{
    QHash<qint64, ChatMessage *> byId;
    qint64 first = std::numeric_limits<qint64>::max();
    qint64 last = 0;
    for (ChatMessage *message : messages) {
        if (message->deleted)
            continue; // a delete removed its reactions
        byId.insert(message->id, message);
        first = std::min(first, message->id);
        last = std::max(last, message->id);
    }
    if (byId.isEmpty())
        return;
    QSqlQuery &query = statement(Statement::SelectReactions);
    query.bindValue(u":room"_s, room);
    query.bindValue(u":first"_s, first);
    query.bindValue(u":last"_s, last);
    if (!execute(query, u"Cannot read the reactions of room %1"_s, room))
        return;
    // Rows come per message, first reaction first: an emoji's summary sits where its first reaction came.
    while (query.next()) {
        ChatMessage *message = byId.value(query.value(0).toLongLong());
        if (!message)
            continue;
        const QString emoji = query.value(1).toString();
        auto summary = std::find_if(message->reactions.begin(), message->reactions.end(),
                                    [&](const ReactionSummary &candidate) { return candidate.emoji == emoji; });
        if (summary == message->reactions.end())
            summary = message->reactions.insert(message->reactions.end(), ReactionSummary{emoji, 0, {}});
        ++summary->count;
        if (summary->users.size() < Protocol::maxReactionUsersListed)
            summary->users.append(query.value(2).toString());
    }
    query.finish();
}

QList<RoomEvent> SqlMessageStore::events(const QString &room, qint64 afterId, qint64 messagesUpTo, int limit)
{
    if (!checkRead(limit))
        return {};
    QSqlQuery &query = statement(Statement::SelectMessagesAfter);
    query.bindValue(u":room"_s, room);
    query.bindValue(u":id"_s, afterId);
    query.bindValue(u":messages_up_to"_s, messagesUpTo);
    query.bindValue(u":limit"_s, clampLimit(limit));
    QList<RoomEvent> events;
    if (!execute(query, u"Cannot read events of room %1"_s, room))
        return events;
    while (query.next())
        events.append(readEvent(query, room));
    if (query.lastError().isValid())
        setError(u"Cannot read events of room %1"_s.arg(room), query.lastError());
    query.finish();
    QList<ChatMessage *> messages;
    for (RoomEvent &event : events) {
        if (auto *message = std::get_if<ChatMessage>(&event))
            messages.append(message);
    }
    attachReactions(room, messages);
    return events;
}

MessageStore::RoomState SqlMessageStore::roomState(const QString &room, int latestCount)
{
    RoomState state;
    if (!checkOpen())
        return state;
    QSqlQuery &query = statement(Statement::SelectRoomState);
    query.bindValue(u":room"_s, room);
    query.bindValue(u":offset"_s, std::max(latestCount - 1, 0));
    if (!execute(query, u"Cannot read room %1"_s, room))
        return state;
    qint64 start = 0;
    if (query.next()) {
        state.lastId = query.value(0).toLongLong();
        state.epoch = query.value(1).toString();
        start = query.value(2).toLongLong();
    }
    query.finish();
    // Fewer messages than that: all of them.
    state.latestStart = latestCount <= 0 ? state.lastId : std::max<qint64>(start - 1, 0);
    if (state.epoch.isEmpty())
        state.epoch = epoch(room); // a first join: the room's row and epoch are made now
    return state;
}

QString SqlMessageStore::epoch(const QString &room)
{
    if (!checkOpen())
        return {};
    const auto read = [this, &room] {
        QSqlQuery &query = statement(Statement::SelectRoomEpoch);
        query.bindValue(u":room"_s, room);
        if (!execute(query, u"Cannot read the epoch of room %1"_s, room))
            return QString();
        const QString epoch = query.next() ? query.value(0).toString() : QString();
        query.finish();
        return epoch;
    };
    if (const QString epoch = read(); !epoch.isEmpty())
        return epoch;
    // First seen: make the row now (another daemon may do the same at once; one row wins, both read it).
    QSqlQuery &insert = statement(Statement::InsertRoom);
    insert.bindValue(u":room"_s, room);
    noteWrite();
    if (!execute(insert, u"Cannot make the epoch of room %1"_s, room))
        return {};
    insert.finish();
    return read();
}

SqlMessageStore::Lookup SqlMessageStore::readOneEvent(QSqlQuery &query, const QString &room, const QString &what)
{
    if (!execute(query, what))
        return {};
    Lookup lookup{true, std::nullopt};
    if (query.next())
        lookup.event = readEvent(query, room);
    else if (query.lastError().isValid())
        lookup.ok = false;
    query.finish();
    return lookup;
}

SqlMessageStore::Lookup SqlMessageStore::eventByClientId(const QString &room, const QString &clientId)
{
    QSqlQuery &query = statement(Statement::SelectMessageByClientId);
    query.bindValue(u":room"_s, room);
    query.bindValue(u":client_id"_s, clientId);
    Lookup lookup = readOneEvent(query, room, u"Cannot look up a client_id"_s);
    if (lookup.event) {
        if (auto *message = std::get_if<ChatMessage>(&*lookup.event)) {
            QList<ChatMessage *> messages{message};
            attachReactions(room, messages);
        }
    }
    return lookup;
}

SqlMessageStore::Lookup SqlMessageStore::eventById(const QString &room, qint64 id)
{
    QSqlQuery &query = statement(Statement::SelectEvent);
    query.bindValue(u":room"_s, room);
    query.bindValue(u":id"_s, id);
    return readOneEvent(query, room, u"Cannot read event %1 of room %2"_s.arg(id).arg(room));
}

std::optional<MessageStore::MessageFacts> SqlMessageStore::messageFacts(const QString &room, qint64 id)
{
    if (!checkOpen())
        return std::nullopt;
    QSqlQuery &query = statement(Statement::SelectEvent);
    query.bindValue(u":room"_s, room);
    query.bindValue(u":id"_s, id);
    if (!execute(query, u"Cannot read event %1 of room %2"_s.arg(id).arg(room)))
        return std::nullopt;
    MessageFacts facts;
    if (query.next()) {
        facts = MessageFacts{true,
                             id,
                             query.value(6).toInt() == MessageKind,
                             query.value(10).toBool(),
                             query.value(8).toString(),
                             fromMs(query.value(1))};
    } else if (query.lastError().isValid()) {
        setError(u"Cannot read event %1 of room %2"_s.arg(id).arg(room), query.lastError());
        query.finish();
        return std::nullopt;
    }
    query.finish();
    return facts;
}

void SqlMessageStore::bindRow(QSqlQuery &query, const Row &row)
{
    query.bindValue(u":room"_s, row.room);
    query.bindValue(u":time"_s, row.time);
    query.bindValue(u":user"_s, notNull(row.user));
    query.bindValue(u":text"_s, notNull(row.text));
    query.bindValue(u":client_id"_s, nullable(row.clientId.isEmpty() ? QString() : row.clientId));
    query.bindValue(u":verified"_s, row.verified);
    query.bindValue(u":kind"_s, row.kind);
    query.bindValue(u":target"_s, row.target > 0 ? QVariant(row.target) : QVariant(QMetaType::fromType<qint64>()));
    query.bindValue(u":author"_s, nullable(row.author.isEmpty() ? QString() : row.author));
    query.bindValue(u":reply_user"_s, nullable(row.replyUser));
    query.bindValue(u":reply_excerpt"_s, nullable(row.replyExcerpt));
    query.bindValue(u":emoji"_s, nullable(row.emoji));
    query.bindValue(u":added"_s, row.added ? QVariant(*row.added) : QVariant(QMetaType::fromType<bool>()));
    query.bindValue(u":moderator"_s, row.moderator);
    // What the read markers' mention counts read; an edit row's text counts on its target (applyToTarget()).
    query.bindValue(u":mentions"_s, row.kind == MessageKind ? SqlReadMarkerStore::mentionsColumn(row.mentions)
                                                            : QVariant(QMetaType::fromType<QString>()));
}

std::optional<MessageStore::AppendResult> SqlMessageStore::appendOne(const ChatMessage &message, const QString &author)
{
    if (message.room.isEmpty()) {
        m_errorString = u"Cannot store a message without a room"_s;
        return std::nullopt;
    }
    const qint64 time = now();
    Row row{.kind = MessageKind,
            .room = message.room,
            .time = time,
            .user = message.user,
            .text = message.text,
            .clientId = message.clientId,
            .verified = message.verified,
            .author = author,
            .mentions = Mentions::extract(message.text)};
    const auto reserved = reserveId(row);
    if (!reserved)
        return std::nullopt;
    // What stores nothing gives its reserved id back, so ids stay dense (the transaction goes on: a batch's
    // other messages are in it).
    const auto storeNothing = [&](AppendResult result) -> std::optional<AppendResult> {
        if (!releaseId(row, *reserved))
            return std::nullopt;
        return result;
    };
    if (!message.clientId.isEmpty()) {
        // Under the write lock, so two daemons cannot both miss the same client_id.
        const Lookup original = eventByClientId(message.room, message.clientId);
        if (!original.ok)
            return std::nullopt;
        if (original.event)
            return storeNothing(AppendResult{messageOf(*original.event), true});
    }
    AppendResult result{message, false};
    result.message.replyTo.reset();
    if (message.replyTo) {
        const Lookup target = eventById(message.room, message.replyTo->id);
        if (!target.ok)
            return std::nullopt;
        const auto *answered = target.event ? std::get_if<ChatMessage>(&*target.event) : nullptr;
        if (!answered || answered->deleted)
            return storeNothing(
                AppendResult{message, false, answered ? Refusal::DeletedTarget : Refusal::UnknownTarget});
        const ReplyQuote quote{answered->id, answered->user, ReplyQuote::excerptOf(answered->text), false};
        row.target = quote.id;
        row.replyUser = notNull(quote.user);
        row.replyExcerpt = notNull(quote.excerpt);
        result.message.replyTo = quote;
    }
    const auto id = insertRow(row, *reserved);
    if (!id)
        return std::nullopt;
    if (!m_search->add(row.room, *id, row.text)) {
        setError(m_search->errorString(), m_search->lastError());
        return std::nullopt;
    }
    result.message.id = *id;
    result.message.time = QDateTime::fromMSecsSinceEpoch(time, Qt::UTC);
    result.message.mentions = row.mentions;
    return result;
}

std::optional<MessageStore::AppendResult> SqlMessageStore::append(const ChatMessage &message, const QString &author)
{
    const auto results = appendAll({PendingAppend{message, author}});
    if (!results)
        return std::nullopt;
    return results->first();
}

std::optional<QList<MessageStore::AppendResult>> SqlMessageStore::appendAll(const QList<PendingAppend> &batch)
{
    if (!checkOpen())
        return std::nullopt;
    QList<AppendResult> results;
    if (batch.isEmpty())
        return results;
    results.resize(batch.size());
    if (!beginWrite())
        return std::nullopt;
    // Rooms in name order, each in the batch's order: where writes lock rooms (PostgreSQL), two daemons' batches
    // take the rooms they share in the same order, and cannot deadlock.
    std::vector<qsizetype> order(std::size_t(batch.size()));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&batch](qsizetype a, qsizetype b) {
        return batch.at(a).message.room < batch.at(b).message.room;
    });
    for (const qsizetype index : order) {
        auto result = appendOne(batch.at(index).message, batch.at(index).author);
        if (!result) {
            rollbackWrite();
            return std::nullopt;
        }
        results[index] = std::move(*result);
    }
    if (!commitWrite())
        return std::nullopt;
    if (m_search->indexDue())
        indexSearchTail();
    return results;
}

SqlMessageStore::Row SqlMessageStore::rowOf(const RoomEvent &event)
{
    SqlMessageStore::Row row;
    if (const auto *edit = std::get_if<ChatEditEvent>(&event)) {
        row = {.kind = EditKind,
               .user = edit->user,
               .text = edit->text,
               .clientId = edit->clientId,
               .verified = edit->verified};
    } else if (const auto *remove = std::get_if<ChatDeleteEvent>(&event)) {
        row = {.kind = DeleteKind, .user = remove->user, .clientId = remove->clientId, .moderator = remove->moderator};
    } else if (const auto *reaction = std::get_if<ChatReactionEvent>(&event)) {
        row = {.kind = ReactionKind,
               .user = reaction->user,
               .clientId = reaction->clientId,
               .emoji = reaction->emoji,
               .added = reaction->added};
    }
    row.room = RoomEvents::room(event);
    row.target = RoomEvents::target(event);
    return row;
}

std::optional<MessageStore::EventResult> SqlMessageStore::appendEvent(const RoomEvent &event, const QString &author)
{
    if (!checkOpen())
        return std::nullopt;
    Row row = rowOf(event);
    if (row.room.isEmpty() || row.target <= 0 || row.kind == MessageKind) {
        m_errorString = u"Cannot store an event without a room or a target"_s;
        return std::nullopt;
    }
    row.time = now();
    row.author = author;
    if (!beginWrite())
        return std::nullopt;
    const auto fail = [this]() -> std::optional<EventResult> {
        rollbackWrite();
        return std::nullopt;
    };
    const auto answer = [this, &event](bool duplicate, Refusal refusal) -> std::optional<EventResult> {
        rollbackWrite();
        return EventResult{event, duplicate, refusal};
    };
    const auto reserved = reserveId(row);
    if (!reserved)
        return fail();
    if (!row.clientId.isEmpty()) {
        const Lookup original = eventByClientId(row.room, row.clientId);
        if (!original.ok)
            return fail();
        if (original.event) {
            rollbackWrite();
            return EventResult{*original.event, true};
        }
    }
    const Lookup target = eventById(row.room, row.target);
    if (!target.ok)
        return fail();
    const auto *message = target.event ? std::get_if<ChatMessage>(&*target.event) : nullptr;
    if (!message)
        return answer(false, Refusal::UnknownTarget);
    if (message->deleted)
        return answer(false, Refusal::DeletedTarget);
    if (row.kind == ReactionKind) {
        const auto check = checkReaction(row);
        if (!check)
            return fail();
        if (check->duplicate || check->refusal != Refusal::None)
            return answer(check->duplicate, check->refusal);
    }
    const auto id = insertRow(row, *reserved);
    if (!id || !applyToTarget(row))
        return fail();
    if (!commitWrite())
        return std::nullopt;
    RoomEvent stored = event;
    std::visit(
        [&](auto &alternative) {
            alternative.id = *id;
            alternative.time = QDateTime::fromMSecsSinceEpoch(row.time, Qt::UTC);
        },
        stored);
    if (auto *edit = std::get_if<ChatEditEvent>(&stored))
        edit->mentions = Mentions::extract(edit->text);
    return EventResult{stored, false};
}

std::optional<SqlMessageStore::ReactionCheck> SqlMessageStore::checkReaction(const Row &row)
{
    QSqlQuery &counts = statement(Statement::SelectReactionCounts);
    // Qt binds each named placeholder once: every subquery has its own.
    for (const QString &prefix : {u":"_s, u":reactor_"_s, u":holder_"_s, u":any_"_s}) {
        counts.bindValue(prefix + u"room"_s, row.room);
        counts.bindValue(prefix + u"id"_s, row.target);
    }
    counts.bindValue(u":reactor"_s, row.author);
    counts.bindValue(u":holder"_s, row.author);
    counts.bindValue(u":emoji"_s, row.emoji);
    counts.bindValue(u":any_emoji"_s, row.emoji);
    if (!execute(counts, u"Cannot count the reactions of message %1"_s.arg(row.target)) || !counts.next())
        return std::nullopt;
    const int distinctEmoji = counts.value(0).toInt();
    const int reactorsEmoji = counts.value(1).toInt();
    const bool holds = counts.value(2).toInt() > 0;
    const bool anyoneHolds = counts.value(3).toInt() > 0;
    counts.finish();
    // Reacting twice, or taking back what one does not hold, changes nothing: idempotent.
    if (holds == *row.added)
        return ReactionCheck{true, Refusal::None};
    if (*row.added
        && ((!anyoneHolds && distinctEmoji >= Protocol::maxReactionsPerMessage)
            || reactorsEmoji >= Protocol::maxReactionsPerReactor))
        return ReactionCheck{false, Refusal::TooManyReactions};
    return ReactionCheck{};
}

bool SqlMessageStore::applyToTarget(const Row &row)
{
    const auto run = [&](Statement which, const QString &what, auto bind) {
        QSqlQuery &query = statement(which);
        bind(query);
        const bool ok = execute(query, what.arg(row.target));
        query.finish();
        return ok;
    };
    // The index follows the text: found by its current text only, and not at all once deleted.
    const auto indexed = [this](bool ok) {
        if (!ok)
            setError(m_search->errorString(), m_search->lastError());
        return ok;
    };
    const auto bindTarget = [&](QSqlQuery &query) {
        query.bindValue(u":room"_s, row.room);
        query.bindValue(u":id"_s, row.target);
    };
    switch (row.kind) {
    case EditKind:
        return run(Statement::UpdateMessageText, u"Cannot edit message %1"_s,
                   [&](QSqlQuery &query) {
                       bindTarget(query);
                       query.bindValue(u":text"_s, notNull(row.text));
                       query.bindValue(u":edited"_s, row.time);
                       query.bindValue(u":mentions"_s, SqlReadMarkerStore::mentionsColumn(Mentions::extract(row.text)));
                   })
               && indexed(m_search->update(row.room, row.target, row.text));
    case DeleteKind:
        // Its text goes from every row that holds some of it: the message, its edits, the quotes of its replies.
        return run(Statement::DeleteMessageText, u"Cannot delete message %1"_s, bindTarget)
               && run(Statement::ClearTargetTexts, u"Cannot delete the edits of message %1"_s,
                      [&](QSqlQuery &query) {
                          query.bindValue(u":room"_s, row.room);
                          query.bindValue(u":target"_s, row.target);
                      })
               && run(Statement::DeleteMessageReactions, u"Cannot delete the reactions of message %1"_s, bindTarget)
               && indexed(m_search->remove(row.room, row.target));
    case ReactionKind:
        return run(*row.added ? Statement::InsertReaction : Statement::DeleteReaction,
                   u"Cannot store a reaction to message %1"_s, [&](QSqlQuery &query) {
                       bindTarget(query);
                       query.bindValue(u":emoji"_s, row.emoji);
                       query.bindValue(u":reactor"_s, row.author);
                       if (*row.added) {
                           query.bindValue(u":reactor_name"_s, notNull(row.user));
                           query.bindValue(u":time"_s, row.time);
                       }
                   });
    default:
        return true;
    }
}

QList<ChatMessage> SqlMessageStore::latest(const QString &room, int limit)
{
    if (!checkRead(limit))
        return {};
    QSqlQuery &query = statement(Statement::SelectLatestMessages);
    query.bindValue(u":room"_s, room);
    query.bindValue(u":limit"_s, clampLimit(limit));
    return readMessages(query, room, true);
}

QList<ChatMessage> SqlMessageStore::before(const QString &room, qint64 beforeId, int limit)
{
    if (!checkRead(limit))
        return {};
    QSqlQuery &query = statement(Statement::SelectMessagesBefore);
    query.bindValue(u":room"_s, room);
    query.bindValue(u":id"_s, beforeId);
    query.bindValue(u":limit"_s, clampLimit(limit));
    return readMessages(query, room, true);
}

QList<ChatMessage> SqlMessageStore::after(const QString &room, qint64 afterId, int limit)
{
    if (!checkRead(limit))
        return {};
    QSqlQuery &query = statement(Statement::SelectMessagesAfter);
    query.bindValue(u":room"_s, room);
    query.bindValue(u":id"_s, afterId);
    query.bindValue(u":messages_up_to"_s, std::numeric_limits<qint64>::max()); // messages only
    query.bindValue(u":limit"_s, clampLimit(limit));
    return readMessages(query, room, false);
}

qint64 SqlMessageStore::readId(QSqlQuery &query, const QString &what)
{
    if (!execute(query, what))
        return 0;
    const qint64 id = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return id;
}

qint64 SqlMessageStore::firstId(const QString &room)
{
    if (!checkOpen())
        return 0;
    QSqlQuery &query = statement(Statement::SelectFirstId);
    query.bindValue(u":room"_s, room);
    return readId(query, u"Cannot read the first id of room %1"_s.arg(room));
}

qint64 SqlMessageStore::lastId(const QString &room)
{
    if (!checkOpen())
        return 0;
    QSqlQuery &query = statement(Statement::SelectLastId);
    query.bindValue(u":room"_s, room);
    return readId(query, u"Cannot read the last id of room %1"_s.arg(room));
}

QList<RoomStats> SqlMessageStore::rooms()
{
    QList<RoomStats> result;
    if (!checkOpen())
        return result;
    QSqlQuery &query = statement(Statement::SelectRooms);
    if (!execute(query, u"Cannot list rooms"_s))
        return result;
    while (query.next())
        result.append(readRoomStats(query));
    query.finish();
    return result;
}

std::optional<RoomStats> SqlMessageStore::roomStats(const QString &room)
{
    if (!checkOpen())
        return std::nullopt;
    QSqlQuery &query = statement(Statement::SelectRoom);
    query.bindValue(u":room"_s, room);
    if (!execute(query, u"Cannot read room %1"_s, room))
        return std::nullopt;
    std::optional<RoomStats> stats;
    if (query.next())
        stats = readRoomStats(query);
    query.finish();
    return stats;
}

int SqlMessageStore::deleteOverCount(qint64 maxMessagesPerRoom, int budget)
{
    // Rooms over the limit come from the rooms table (SQLite scans it: one row per room; PostgreSQL
    // has an index); each room's oldest rows from its primary key range. Only whole rooms' excess counts against the
    // budget.
    QSqlQuery &rooms = statement(Statement::SelectRoomsOverCount);
    rooms.bindValue(u":max"_s, maxMessagesPerRoom);
    rooms.bindValue(u":limit"_s, budget);
    if (!execute(rooms, u"Cannot apply retention"_s))
        return -1;
    QList<std::pair<QString, qint64>> excess;
    while (rooms.next())
        excess.append({rooms.value(0).toString(), rooms.value(1).toLongLong() - maxMessagesPerRoom});
    rooms.finish();

    int deleted = 0;
    QSqlQuery &remove = statement(Statement::DeleteOldestMessages);
    for (const auto &[room, count] : std::as_const(excess)) {
        if (deleted >= budget)
            break;
        remove.bindValue(u":room"_s, room);
        remove.bindValue(u":subroom"_s, room);
        const qint64 offset = std::min<qint64>(count, budget - deleted) - 1;
        remove.bindValue(u":offset"_s, offset);
        remove.bindValue(u":target_room"_s, room);
        remove.bindValue(u":target_offset"_s, offset);
        if (!execute(remove, u"Cannot apply retention to room %1"_s, room))
            return -1;
        deleted += remove.numRowsAffected();
        remove.finish();
    }
    return deleted;
}

int SqlMessageStore::deleteOlderThan(int maxAgeDays, int budget)
{
    QSqlQuery &remove = statement(Statement::DeleteMessagesOlderThan);
    remove.bindValue(u":cutoff"_s, now() - maxAgeDays * s_msPerDay);
    remove.bindValue(u":limit"_s, budget);
    if (!execute(remove, u"Cannot apply retention"_s))
        return -1;
    const int deleted = remove.numRowsAffected();
    remove.finish();
    return deleted;
}

std::optional<MessageStore::SearchPage> SqlMessageStore::search(const SearchQuery &query)
{
    if (!checkOpen())
        return std::nullopt;
    const QList<SearchText::Term> terms = SearchText(query.text).terms();
    SearchPage page;
    if (terms.isEmpty() || query.limit <= 0)
        return page;
    qint64 before = query.before > 0 ? query.before : std::numeric_limits<qint64>::max();
    const int limit = clampLimit(query.limit);
    // One more than asked tells whether older matches exist. Messages not yet in FTS5 are the newest: first.
    const auto tail = m_search->tail(terms, query.room, before, query.before, limit + 1);
    if (!tail) {
        setError(m_search->errorString(), m_search->lastError());
        return std::nullopt;
    }
    for (const SqlSearchIndex::Pending &row : *tail) {
        const Lookup found = eventById(row.room, row.id);
        if (!found.ok)
            return std::nullopt;
        if (found.event) {
            const ChatMessage message = messageOf(*found.event);
            page.hits.append(SearchHit{message, SearchText(message.text).highlights(terms), row.position});
        }
    }
    if (!query.room.isEmpty() && page.hits.size() <= limit) {
        // A room's pages go by message id; the index by position: the position of the message before that id.
        const auto bound = m_search->roomBound(query.room, query.before);
        if (!bound) {
            setError(m_search->errorString(), m_search->lastError());
            return std::nullopt;
        }
        before = *bound;
    }
    const bool indexed = page.hits.size() <= limit && before > 0;
    QSqlQuery *select = indexed ? m_search->select(terms, query.room, before, limit + 1) : nullptr;
    if (indexed && !select) {
        setError(m_search->errorString(), m_search->lastError());
        return std::nullopt;
    }
    while (select && page.hits.size() <= limit && select->next()) {
        const QString room = select->value(16).toString();
        if (!query.room.isEmpty() && room != query.room)
            continue; // another room whose token is the same: 128 bits make it theoretical
        ChatMessage message = readMessage(*select, room);
        page.hits.append(
            SearchHit{message, SearchText(message.text).highlights(terms), select->value(17).toLongLong()});
    }
    const QSqlError error = select ? select->lastError() : QSqlError();
    if (select)
        select->finish();
    if (error.isValid()) {
        setError(u"Cannot search"_s, error);
        return std::nullopt;
    }
    page.more = page.hits.size() > limit;
    if (page.more) {
        page.hits.resize(limit);
        page.nextBefore = query.room.isEmpty() ? page.hits.constLast().position : page.hits.constLast().message.id;
    }
    // Each message alone: the ids of a page lie far apart, and a range of them would read every reaction between.
    for (SearchHit &hit : page.hits)
        attachReactions(hit.message.room, {&hit.message});
    return page;
}

} // namespace Kaiwa::Server
