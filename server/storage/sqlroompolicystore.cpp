// SPDX-License-Identifier: MIT
#include "sqlroompolicystore.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <limits>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {

using Role = RoomPolicyStore::Role;
using Restriction = RoomPolicyStore::Restriction;

/// room_roles.role: 1 member, 2 moderator, 3 owner (the order of Role, without None).
int roleColumn(Role role)
{
    return int(role);
}

Role roleOf(const QVariant &column)
{
    const int value = column.toInt();
    return value >= int(Role::Member) && value <= int(Role::Owner) ? Role(value) : Role::None;
}

QString kindColumn(Restriction::Kind kind)
{
    return kind == Restriction::Kind::Ban ? u"ban"_s : u"mute"_s;
}

QString subjectColumn(Restriction::Subject subject)
{
    return subject == Restriction::Subject::Account ? u"account"_s : u"address"_s;
}

/// Times are ms since the Unix epoch (UTC); NULL for an invalid QDateTime.
QVariant timeColumn(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}

QDateTime timeOf(const QVariant &column)
{
    return column.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(column.toLongLong(), Qt::UTC);
}

/// Qt binds a null QString as SQL NULL; these columns are NOT NULL but may be empty.
QString notNull(const QString &text)
{
    return text.isNull() ? u""_s : text;
}

QVariant nullableText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

/// Columns: room, topic, is_private, direct_first, direct_second, created_by, created.
RoomPolicyStore::Settings readSettings(const QSqlQuery &query)
{
    RoomPolicyStore::Settings settings{.room = query.value(0).toString(),
                                       .topic = query.value(1).toString(),
                                       .isPrivate = query.value(2).toBool(),
                                       .createdBy = query.value(5).toString(),
                                       .created = timeOf(query.value(6))};
    if (!query.value(3).isNull())
        settings.direct = {query.value(3).toString(), query.value(4).toString()};
    return settings;
}

} // namespace

SqlRoomPolicyStore::SqlRoomPolicyStore(const QString &backend, const QString &connectionName)
    : m_statements(backend, connectionName, u"room policy"_s)
{
}

SqlRoomPolicyStore::Value SqlRoomPolicyStore::readValue(QSqlQuery &query, const QString &what)
{
    Value read{true, {}};
    if (query.next())
        read.value = query.value(0);
    else if (query.lastError().isValid()) {
        m_statements.setError(what, query.lastError());
        read.ok = false;
    }
    // A forward-only SELECT left open keeps a WAL read snapshot (SQLite), which blocks checkpoints.
    query.finish();
    return read;
}

template<typename T>
std::optional<QList<T>> SqlRoomPolicyStore::readAll(QSqlQuery &query, const QString &what,
                                                    const std::function<T(const QSqlQuery &)> &read)
{
    QList<T> rows;
    while (query.next())
        rows.append(read(query));
    if (query.lastError().isValid()) {
        m_statements.setError(what, query.lastError());
        return std::nullopt;
    }
    query.finish();
    return rows;
}

RoomPolicyStore::Result SqlRoomPolicyStore::write(const QString &what, const std::function<Result()> &body)
{
    m_statements.clearError();
    if (!m_statements.run(u"begin_write"_s, what))
        return Result::Failed;
    QSqlQuery bump;
    Result result = m_statements.execute(bump, u"room_changes_bump"_s, {}, what) ? body() : Result::Failed;
    bump.finish();
    if (result == Result::Ok && !m_statements.run(u"commit"_s, what))
        result = Result::Failed;
    if (result != Result::Ok)
        m_statements.run(u"rollback"_s, what);
    return result;
}

std::optional<bool> SqlRoomPolicyStore::makeSettings(const QString &room, bool isPrivate, const QStringList &direct,
                                                     const QString &createdBy)
{
    QSqlQuery query;
    const QString what = u"Cannot make the settings of room %1"_s.arg(room);
    if (!m_statements.execute(query, u"room_settings_insert"_s,
                              {{u":room"_s, room},
                               {u":is_private"_s, isPrivate},
                               {u":direct_first"_s, nullableText(direct.value(0))},
                               {u":direct_second"_s, nullableText(direct.value(1))},
                               {u":created_by"_s, notNull(createdBy)},
                               {u":created"_s, QDateTime::currentMSecsSinceEpoch()}},
                              what))
        return std::nullopt;
    const Value made = readValue(query, what);
    if (!made.ok)
        return std::nullopt;
    return !made.value.isNull();
}

std::optional<bool> SqlRoomPolicyStore::accountExists(const QString &account)
{
    QSqlQuery query;
    const QString what = u"Cannot read account %1"_s.arg(account);
    if (!m_statements.execute(query, u"room_account_count"_s, {{u":name"_s, account}}, what))
        return std::nullopt;
    const Value count = readValue(query, what);
    if (!count.ok)
        return std::nullopt;
    return count.value.toInt() > 0;
}

RoomPolicyStore::Result SqlRoomPolicyStore::checkLastOwner(const QString &room, const QString &account)
{
    const auto current = role(room, account);
    if (!current)
        return Result::Failed;
    if (*current != Role::Owner)
        return Result::Ok;
    QSqlQuery query;
    const QString what = u"Cannot count the owners of room %1"_s.arg(room);
    if (!m_statements.execute(query, u"room_owner_count"_s, {{u":room"_s, room}}, what))
        return Result::Failed;
    const Value owners = readValue(query, what);
    if (!owners.ok)
        return Result::Failed;
    return owners.value.toInt() > 1 ? Result::Ok : Result::LastOwner;
}

std::optional<RoomPolicyStore::Settings> SqlRoomPolicyStore::settings(const QString &room)
{
    QSqlQuery query;
    const QString what = u"Cannot read the settings of room %1"_s.arg(room);
    if (!m_statements.execute(query, u"room_settings_select"_s, {{u":room"_s, room}}, what))
        return std::nullopt;
    const auto rows = readAll<Settings>(query, what, readSettings);
    if (!rows)
        return std::nullopt;
    return rows->isEmpty() ? Settings{} : rows->constFirst();
}

std::optional<QList<RoomPolicyStore::Settings>> SqlRoomPolicyStore::allSettings()
{
    QSqlQuery query;
    const QString what = u"Cannot read the settings of the rooms"_s;
    if (!m_statements.execute(query, u"room_settings_select_all"_s, {}, what))
        return std::nullopt;
    return readAll<Settings>(query, what, readSettings);
}

RoomPolicyStore::Result SqlRoomPolicyStore::setTopic(const QString &room, const QString &topic)
{
    const QString what = u"Cannot set the topic of room %1"_s.arg(room);
    return write(what, [&] {
        QSqlQuery query;
        return makeSettings(room, false, {}, {})
                       && m_statements.execute(query, u"room_settings_update_topic"_s,
                                               {{u":topic"_s, notNull(topic)}, {u":room"_s, room}}, what)
                   ? Result::Ok
                   : Result::Failed;
    });
}

RoomPolicyStore::Result SqlRoomPolicyStore::setPrivate(const QString &room, bool isPrivate)
{
    const QString what = u"Cannot set the visibility of room %1"_s.arg(room);
    return write(what, [&] {
        QSqlQuery query;
        return makeSettings(room, isPrivate, {}, {})
                       && m_statements.execute(query, u"room_settings_update_private"_s,
                                               {{u":is_private"_s, isPrivate}, {u":room"_s, room}}, what)
                   ? Result::Ok
                   : Result::Failed;
    });
}

std::optional<bool> SqlRoomPolicyStore::claim(const QString &room, const QString &account)
{
    const QString what = u"Cannot make %1 the owner of room %2"_s.arg(account, room);
    bool made = false;
    // A room that had settings writes nothing: rolled back as NotFound, told apart from a failure by `made`.
    const Result result = write(what, [&] {
        const auto inserted = makeSettings(room, false, {}, account);
        if (!inserted)
            return Result::Failed;
        if (!*inserted)
            return Result::NotFound;
        QSqlQuery query;
        if (!m_statements.execute(query, u"room_role_upsert"_s,
                                  {{u":room"_s, room}, {u":account"_s, account}, {u":role"_s, roleColumn(Role::Owner)}},
                                  what))
            return Result::Failed;
        made = true;
        return Result::Ok;
    });
    if (result == Result::Failed)
        return std::nullopt;
    return made;
}

RoomPolicyStore::Result SqlRoomPolicyStore::makeDirect(const QString &room, const QString &firstAccount,
                                                       const QString &secondAccount)
{
    const QString what = u"Cannot make the direct-message room %1"_s.arg(room);
    QStringList accounts{firstAccount, secondAccount};
    accounts.sort();
    bool existed = false;
    // A room that exists writes nothing: rolled back as NotFound, told apart from an unknown account by `existed`.
    const Result result = write(what, [&] {
        for (const QString &account : std::as_const(accounts)) {
            const auto exists = accountExists(account);
            if (!exists)
                return Result::Failed;
            if (!*exists)
                return Result::NotFound;
        }
        const auto inserted = makeSettings(room, true, accounts, {});
        if (!inserted)
            return Result::Failed;
        if (!*inserted) {
            existed = true;
            return Result::NotFound;
        }
        for (const QString &account : std::as_const(accounts)) {
            QSqlQuery query;
            if (!m_statements.execute(
                    query, u"room_role_upsert"_s,
                    {{u":room"_s, room}, {u":account"_s, account}, {u":role"_s, roleColumn(Role::Member)}}, what))
                return Result::Failed;
        }
        return Result::Ok;
    });
    return existed ? Result::Ok : result;
}

std::optional<RoomPolicyStore::Role> SqlRoomPolicyStore::role(const QString &room, const QString &account)
{
    QSqlQuery query;
    const QString what = u"Cannot read the role of %1 in room %2"_s.arg(account, room);
    if (!m_statements.execute(query, u"room_role_select"_s, {{u":room"_s, room}, {u":account"_s, account}}, what))
        return std::nullopt;
    const Value read = readValue(query, what);
    if (!read.ok)
        return std::nullopt;
    return roleOf(read.value);
}

std::optional<QList<RoomPolicyStore::RoleEntry>> SqlRoomPolicyStore::roles(const QString &room)
{
    QSqlQuery query;
    const QString what = u"Cannot read the roles of room %1"_s.arg(room);
    if (!m_statements.execute(query, u"room_role_select_room"_s, {{u":room"_s, room}}, what))
        return std::nullopt;
    return readAll<RoleEntry>(query, what, [](const QSqlQuery &row) {
        return RoleEntry{row.value(0).toString(), roleOf(row.value(1))};
    });
}

RoomPolicyStore::Result SqlRoomPolicyStore::grant(const QString &room, const QString &account, Role role)
{
    const QString what = u"Cannot grant %1 a role in room %2"_s.arg(account, room);
    if (role == Role::None) {
        m_statements.setError(what, QSqlError(u"no role to grant (revoke takes a role away)"_s));
        return Result::Failed;
    }
    return write(what, [&] {
        const auto exists = accountExists(account);
        if (!exists)
            return Result::Failed;
        if (!*exists)
            return Result::NotFound;
        if (!makeSettings(room, false, {}, {}))
            return Result::Failed;
        if (role != Role::Owner) {
            if (const Result check = checkLastOwner(room, account); check != Result::Ok)
                return check;
        }
        QSqlQuery query;
        return m_statements.execute(query, u"room_role_upsert"_s,
                                    {{u":room"_s, room}, {u":account"_s, account}, {u":role"_s, roleColumn(role)}},
                                    what)
                   ? Result::Ok
                   : Result::Failed;
    });
}

RoomPolicyStore::Result SqlRoomPolicyStore::revoke(const QString &room, const QString &account)
{
    const QString what = u"Cannot revoke the role of %1 in room %2"_s.arg(account, room);
    return write(what, [&] {
        if (const Result check = checkLastOwner(room, account); check != Result::Ok)
            return check;
        QSqlQuery query;
        if (!m_statements.execute(query, u"room_role_delete"_s, {{u":room"_s, room}, {u":account"_s, account}}, what))
            return Result::Failed;
        return query.numRowsAffected() > 0 ? Result::Ok : Result::NotFound;
    });
}

std::optional<QList<RoomPolicyStore::Membership>> SqlRoomPolicyStore::rolesOf(const QString &account)
{
    QSqlQuery query;
    const QString what = u"Cannot read the rooms of %1"_s.arg(account);
    if (!m_statements.execute(query, u"room_role_select_account"_s, {{u":account"_s, account}}, what))
        return std::nullopt;
    return readAll<Membership>(query, what, [](const QSqlQuery &row) {
        return Membership{row.value(0).toString(), roleOf(row.value(1))};
    });
}

bool SqlRoomPolicyStore::restrict(const QString &room, const Restriction &restriction)
{
    const QString what = u"Cannot restrict %1 in room %2"_s.arg(restriction.subject, room);
    const QDateTime time = restriction.time.isValid() ? restriction.time : QDateTime::currentDateTimeUtc();
    return write(what,
                 [&] {
                     QSqlQuery query;
                     return m_statements.execute(query, u"room_restriction_upsert"_s,
                                                 {{u":room"_s, room},
                                                  {u":kind"_s, kindColumn(restriction.kind)},
                                                  {u":subject_kind"_s, subjectColumn(restriction.subjectKind)},
                                                  {u":subject"_s, notNull(restriction.subject)},
                                                  {u":expires"_s, timeColumn(restriction.until)},
                                                  {u":reason"_s, notNull(restriction.reason)},
                                                  {u":actor"_s, notNull(restriction.by)},
                                                  {u":time"_s, timeColumn(time)}},
                                                 what)
                                ? Result::Ok
                                : Result::Failed;
                 })
           == Result::Ok;
}

RoomPolicyStore::Result SqlRoomPolicyStore::lift(const QString &room, Restriction::Kind kind,
                                                 Restriction::Subject subjectKind, const QString &subject)
{
    const QString what = u"Cannot lift the restriction of %1 in room %2"_s.arg(subject, room);
    bool inForce = false;
    // An expired row goes too (nothing the readers see changes, yet the table keeps no garbage); it was not in force.
    const Result result = write(what, [&] {
        QSqlQuery query;
        if (!m_statements.execute(query, u"room_restriction_delete"_s,
                                  {{u":room"_s, room},
                                   {u":kind"_s, kindColumn(kind)},
                                   {u":subject_kind"_s, subjectColumn(subjectKind)},
                                   {u":subject"_s, subject}},
                                  what))
            return Result::Failed;
        if (!query.next())
            return query.lastError().isValid() ? Result::Failed : Result::NotFound;
        const QDateTime until = timeOf(query.value(0));
        query.finish();
        inForce = !until.isValid() || until > QDateTime::currentDateTimeUtc();
        return Result::Ok;
    });
    if (result == Result::Ok && !inForce)
        return Result::NotFound;
    return result;
}

std::optional<QList<RoomPolicyStore::Restriction>> SqlRoomPolicyStore::restrictions(const QString &room,
                                                                                    const QDateTime &now)
{
    QSqlQuery query;
    const QString what = u"Cannot read the bans and mutes of room %1"_s.arg(room);
    if (!m_statements.execute(query, u"room_restriction_select"_s,
                              {{u":room"_s, room}, {u":now"_s, now.toMSecsSinceEpoch()}}, what))
        return std::nullopt;
    return readAll<Restriction>(query, what, [](const QSqlQuery &row) {
        return Restriction{.kind =
                               row.value(0).toString() == "ban"_L1 ? Restriction::Kind::Ban : Restriction::Kind::Mute,
                           .subjectKind = row.value(1).toString() == "account"_L1 ? Restriction::Subject::Account
                                                                                  : Restriction::Subject::Address,
                           .subject = row.value(2).toString(),
                           .until = timeOf(row.value(3)),
                           .reason = row.value(4).toString(),
                           .by = row.value(5).toString(),
                           .time = timeOf(row.value(6))};
    });
}

std::optional<qint64> SqlRoomPolicyStore::audit(const AuditEntry &entry)
{
    const QString what = u"Cannot record %1 in the audit log of room %2"_s.arg(entry.action, entry.room);
    const QDateTime time = entry.time.isValid() ? entry.time : QDateTime::currentDateTimeUtc();
    qint64 id = 0;
    const Result result = write(what, [&] {
        QSqlQuery query;
        if (!m_statements.execute(query, u"room_audit_insert"_s,
                                  {{u":time"_s, timeColumn(time)},
                                   {u":room"_s, notNull(entry.room)},
                                   {u":actor"_s, notNull(entry.actor)},
                                   {u":action"_s, notNull(entry.action)},
                                   {u":target"_s, notNull(entry.target)},
                                   {u":reason"_s, notNull(entry.reason)},
                                   {u":detail"_s, notNull(entry.detail)},
                                   {u":expires"_s, timeColumn(entry.until)}},
                                  what))
            return Result::Failed;
        const Value inserted = readValue(query, what);
        if (!inserted.ok)
            return Result::Failed;
        id = inserted.value.toLongLong();
        return Result::Ok;
    });
    if (result != Result::Ok)
        return std::nullopt;
    return id;
}

std::optional<QList<RoomPolicyStore::AuditEntry>> SqlRoomPolicyStore::auditLog(const QString &room, qint64 beforeId,
                                                                               int limit)
{
    QSqlQuery query;
    const QString what = u"Cannot read the audit log of room %1"_s.arg(room);
    if (!m_statements.execute(query, u"room_audit_select"_s,
                              {{u":room"_s, room},
                               {u":before"_s, beforeId > 0 ? beforeId : std::numeric_limits<qint64>::max()},
                               {u":limit"_s, std::max(limit, 0)}},
                              what))
        return std::nullopt;
    return readAll<AuditEntry>(query, what, [](const QSqlQuery &row) {
        return AuditEntry{.id = row.value(0).toLongLong(),
                          .time = timeOf(row.value(1)),
                          .room = row.value(2).toString(),
                          .actor = row.value(3).toString(),
                          .action = row.value(4).toString(),
                          .target = row.value(5).toString(),
                          .reason = row.value(6).toString(),
                          .detail = row.value(7).toString(),
                          .until = timeOf(row.value(8))};
    });
}

std::optional<qint64> SqlRoomPolicyStore::changeSeq()
{
    QSqlQuery query;
    const QString what = u"Cannot read the change counter of the room policies"_s;
    if (!m_statements.execute(query, u"room_changes_select"_s, {}, what))
        return std::nullopt;
    const Value read = readValue(query, what);
    if (!read.ok)
        return std::nullopt;
    return read.value.toLongLong();
}

} // namespace Kaiwa::Server
