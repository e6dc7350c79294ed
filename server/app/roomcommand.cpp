// SPDX-License-Identifier: MIT
#include "roomcommand.h"

#include "common/clientrequest.h"
#include "common/protocol.h"
#include "common/redaction.h"
#include "common/roomname.h"
#include "common/roomrole.h"
#include "consumers/roompolicy.h"
#include "operatorcommands.h"
#include "transport/subnets.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstdio>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {

using Role = RoomPolicyStore::Role;
using Result = RoomPolicyStore::Result;
using Restriction = RoomPolicyStore::Restriction;
using OperatorCommands::printError;

/// What the audit log calls the operator (docs/protocol.md, "Audit").
const QString s_operator = u"(operator)"_s;

QString tr(const char *text)
{
    return QCoreApplication::translate("RoomCommand", text);
}

void printLine(const QString &text)
{
    std::printf("%s\n", qPrintable(text));
}

/// The role a command line names, as the chat's requests name it; None for anything else.
Role roleNamed(const QString &name)
{
    return RoomPolicy::storeRole(roomRoleFromName(name).value_or(RoomRole::None));
}

QString roleName(Role role)
{
    return roomRoleName(RoomPolicy::roomRole(role));
}

/// The accounts of the role among the room's, by code point (the same order on SQLite and PostgreSQL).
QString accountsWith(const QList<RoomPolicyStore::RoleEntry> &roles, Role role)
{
    QStringList accounts;
    for (const RoomPolicyStore::RoleEntry &entry : roles) {
        if (entry.role == role)
            accounts.append(entry.account);
    }
    std::sort(accounts.begin(), accounts.end());
    return accounts.join(u',');
}

} // namespace

RoomCommand::RoomCommand(const ServerConfig &config)
    : m_config(config)
{
}

int RoomCommand::run()
{
    const QStringList &args = m_config.command;
    const QString verb = args.value(1);
    const qsizetype expected = verb == "grant"_L1                          ? 5
                               : verb == "revoke"_L1 || verb == "unban"_L1 ? 4
                               : verb == "set"_L1                          ? 3
                               : verb == "list"_L1                         ? 2
                                                                           : -1;
    if (args.value(0) != "room"_L1 || args.size() != expected) {
        printError(tr("usage: kaiwa-server [--database PATH|--config FILE] room grant ROOM ACCOUNT "
                      "owner|moderator|member | room revoke ROOM ACCOUNT | "
                      "room set ROOM [--topic TEXT] [--private yes|no] | room list | "
                      "room unban ROOM ACCOUNT_OR_ADDRESS"));
        return 2;
    }
    if (verb == "set"_L1 && !m_config.roomTopic && !m_config.roomVisibility) {
        printError(tr("room set needs --topic TEXT or --private yes|no"));
        return 2;
    }

    // What the command line itself says is checked before the database is opened.
    const QString room = args.value(2);
    if (verb != "list"_L1 && !RoomName::isValid(room)) {
        printError(
            tr("invalid room name \"%1\": 1 to %2 letters, digits or underscores").arg(room).arg(RoomName::maxLength));
        return 1;
    }
    const Role role = roleNamed(args.value(4));
    if (verb == "grant"_L1 && role == Role::None) {
        printError(tr("unknown role \"%1\": owner, moderator or member").arg(args.value(4)));
        return 1;
    }
    if (m_config.roomTopic && !isValidRoomTopic(*m_config.roomTopic)) {
        printError(tr("invalid topic: at most %1 characters, no control characters").arg(Protocol::maxTopicLength));
        return 1;
    }
    if (m_config.roomVisibility && *m_config.roomVisibility != "yes"_L1 && *m_config.roomVisibility != "no"_L1) {
        printError(tr("--private takes yes or no, not \"%1\"").arg(*m_config.roomVisibility));
        return 1;
    }

    m_store = OperatorCommands::openDatabase(m_config);
    if (!m_store)
        return 1;
    m_accounts = m_store->createAccountStore();
    m_policies = m_store->createRoomPolicyStore();
    if (!m_accounts || !m_policies) {
        printError(tr("the database %1 cannot keep rooms with owners").arg(Redaction::url(m_config.database)));
        return 1;
    }
    if (verb == "grant"_L1)
        return grant(room, args.at(3), role);
    if (verb == "revoke"_L1)
        return revoke(room, args.at(3));
    if (verb == "set"_L1)
        return set(room);
    if (verb == "unban"_L1)
        return unban(room, args.at(3));
    return list();
}

int RoomCommand::grant(const QString &room, const QString &account, Role role)
{
    if (!accountExists(account))
        return 1;
    const auto previous = m_policies->role(room, account);
    if (!previous)
        return storeFailed();
    if (*previous == role) {
        printLine(tr("%1 is %2 of room %3 already").arg(account, roleName(role), room));
        return 0;
    }
    switch (m_policies->grant(room, account, role)) {
    case Result::Ok:
        break;
    case Result::NotFound: // The account was removed since it was looked up.
        printError(tr("no account \"%1\"").arg(account));
        return 1;
    case Result::LastOwner:
        printError(tr("%1 is the last owner of room %2; grant another owner first").arg(account, room));
        return 1;
    case Result::Failed:
        return storeFailed();
    }
    if (!record({.room = room, .action = u"grant"_s, .target = account, .detail = roleName(role)}))
        return 1;
    printLine(tr("%1 is now %2 of room %3").arg(account, roleName(role), room));
    return 0;
}

int RoomCommand::revoke(const QString &room, const QString &account)
{
    if (!hasSettings(room) || !accountExists(account))
        return 1;
    const auto previous = m_policies->role(room, account);
    if (!previous)
        return storeFailed();
    switch (m_policies->revoke(room, account)) {
    case Result::Ok:
        break;
    case Result::NotFound:
        printError(tr("%1 has no role in room %2").arg(account, room));
        return 1;
    case Result::LastOwner:
        printError(tr("%1 is the last owner of room %2; grant another owner first").arg(account, room));
        return 1;
    case Result::Failed:
        return storeFailed();
    }
    if (!record({.room = room, .action = u"revoke"_s, .target = account, .detail = roleName(*previous)}))
        return 1;
    printLine(tr("%1 has no role in room %2 any more").arg(account, room));
    return 0;
}

int RoomCommand::set(const QString &room)
{
    if (const auto &topic = m_config.roomTopic) {
        if (m_policies->setTopic(room, *topic) != Result::Ok)
            return storeFailed();
        if (!record({.room = room, .action = u"topic"_s, .detail = *topic}))
            return 1;
        printLine(topic->isEmpty() ? tr("room %1 has no topic").arg(room)
                                   : tr("room %1 has the topic: %2").arg(room, *topic));
    }
    if (m_config.roomVisibility) {
        const bool isPrivate = *m_config.roomVisibility == "yes"_L1;
        if (m_policies->setPrivate(room, isPrivate) != Result::Ok)
            return storeFailed();
        if (!record({.room = room, .action = u"visibility"_s, .detail = isPrivate ? u"private"_s : u"public"_s}))
            return 1;
        printLine(isPrivate ? tr("room %1 is private").arg(room) : tr("room %1 is public").arg(room));
    }
    return 0;
}

int RoomCommand::list()
{
    auto rooms = m_policies->allSettings();
    if (!rooms)
        return storeFailed();
    std::sort(rooms->begin(), rooms->end(), [](const auto &a, const auto &b) { return a.room < b.room; });
    // One line per room with settings, tab-separated (docs/protocol.md, "The operator's room commands"). A topic
    // has no control characters, so no tab or line break either.
    for (const RoomPolicyStore::Settings &settings : std::as_const(*rooms)) {
        const auto roles = m_policies->roles(settings.room);
        if (!roles)
            return storeFailed();
        const QString visibility = !settings.direct.isEmpty() ? u"direct="_s + settings.direct.join(u',')
                                   : settings.isPrivate       ? u"private"_s
                                                              : u"public"_s;
        printLine(u"%1\t%2\towners=%3\tmoderators=%4\tmembers=%5\ttopic=%6"_s.arg(
            settings.room, visibility, accountsWith(*roles, Role::Owner), accountsWith(*roles, Role::Moderator),
            accountsWith(*roles, Role::Member), settings.topic));
    }
    return 0;
}

int RoomCommand::unban(const QString &room, const QString &subject)
{
    if (!hasSettings(room))
        return 1;
    const QString address = Subnets::prefixOf(subject);
    const auto subjectKind = address.isEmpty() ? Restriction::Subject::Account : Restriction::Subject::Address;
    const QString banned = address.isEmpty() ? subject : address;
    switch (m_policies->lift(room, Restriction::Kind::Ban, subjectKind, banned)) {
    case Result::Ok:
        break;
    case Result::NotFound:
    case Result::LastOwner:
        printError(tr("%1 is not banned from room %2").arg(banned, room));
        return 1;
    case Result::Failed:
        return storeFailed();
    }
    if (!record({.room = room, .action = u"unban"_s, .target = banned}))
        return 1;
    printLine(tr("%1 may enter room %2 again").arg(banned, room));
    return 0;
}

bool RoomCommand::accountExists(const QString &account)
{
    if (m_accounts->account(account))
        return true;
    // account() gives nothing both for no account and for a failed read; only the latter sets errorString().
    const QString error = m_accounts->errorString();
    printError(error.isEmpty() ? tr("no account \"%1\"").arg(account) : error);
    return false;
}

bool RoomCommand::hasSettings(const QString &room)
{
    const auto settings = m_policies->settings(room);
    if (!settings) {
        storeFailed();
        return false;
    }
    if (settings->room.isEmpty()) {
        printError(tr("no room \"%1\" with settings").arg(room));
        return false;
    }
    return true;
}

bool RoomCommand::record(RoomPolicyStore::AuditEntry entry)
{
    entry.actor = s_operator;
    if (m_policies->audit(entry))
        return true;
    printError(tr("done, but the audit log did not record it: %1").arg(m_policies->errorString()));
    return false;
}

int RoomCommand::storeFailed()
{
    printError(m_policies->errorString());
    return 1;
}

} // namespace Kaiwa::Server
