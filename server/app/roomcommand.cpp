// SPDX-License-Identifier: MIT
#include "roomcommand.h"

#include "common/protocol.h"
#include "common/redaction.h"
#include "common/roomname.h"
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

/// The role a command line names; None for anything else.
Role roleNamed(const QString &name)
{
    if (name == "owner"_L1)
        return Role::Owner;
    if (name == "moderator"_L1)
        return Role::Moderator;
    if (name == "member"_L1)
        return Role::Member;
    return Role::None;
}

QString roleName(Role role)
{
    switch (role) {
    case Role::Owner:
        return u"owner"_s;
    case Role::Moderator:
        return u"moderator"_s;
    case Role::Member:
        return u"member"_s;
    case Role::None:
        break;
    }
    return {};
}

/// As a room.set request checks it: at most Protocol::maxTopicLength characters, no control character.
bool isValidTopic(const QString &topic)
{
    return topic.toUcs4().size() <= Protocol::maxTopicLength
           && std::none_of(topic.begin(), topic.end(), [](QChar c) { return c.category() == QChar::Other_Control; });
}

/// What an unban names: an address ("192.0.2.7") or an IPv6 /64 as its prefix (Subnets::clientPrefix()), the
/// subject of an anonymous member's ban; empty for anything else, an account.
QString addressSubject(const QString &subject)
{
    const QHostAddress address(subject);
    if (!address.isNull())
        return Subnets::clientPrefix(address);
    const auto subnet = QHostAddress::parseSubnet(subject);
    if (subnet.first.protocol() == QAbstractSocket::IPv6Protocol && subnet.second == 64)
        return Subnets::clientPrefix(subnet.first);
    return {};
}

} // namespace

RoomCommand::RoomCommand(const ServerConfig &config)
    : m_config(config)
{
}

int RoomCommand::run()
{
    const QStringList &args = m_config.command;
    const QString usage = tr("usage: kaiwa-server [--database PATH|--config FILE] room grant ROOM ACCOUNT "
                             "owner|moderator|member | room revoke ROOM ACCOUNT | "
                             "room set ROOM [--topic TEXT] [--private yes|no] | room list | "
                             "room unban ROOM ACCOUNT_OR_ADDRESS");
    const QString verb = args.value(1);
    const qsizetype expected = verb == "grant"_L1                          ? 5
                               : verb == "revoke"_L1 || verb == "unban"_L1 ? 4
                               : verb == "set"_L1                          ? 3
                               : verb == "list"_L1                         ? 2
                                                                           : -1;
    const bool setsSomething = !m_config.commandOptions.isEmpty();
    if (args.value(0) != "room"_L1 || args.size() != expected || (verb == "set"_L1) != setsSomething) {
        printError(usage);
        return 2;
    }

    const QString room = args.value(2);
    if (verb != "list"_L1 && !RoomName::isValid(room)) {
        printError(tr("invalid room name \"%1\": 1 to %2 letters, digits or underscores")
                       .arg(room)
                       .arg(RoomName::maxLength));
        return 1;
    }
    const Role role = roleNamed(args.value(4));
    if (verb == "grant"_L1 && role == Role::None) {
        printError(tr("unknown role \"%1\": owner, moderator or member").arg(args.value(4)));
        return 1;
    }
    if (const auto topic = m_config.commandOptions.constFind(u"topic"_s);
        topic != m_config.commandOptions.cend() && !isValidTopic(*topic)) {
        printError(tr("invalid topic: at most %1 characters, no control characters").arg(Protocol::maxTopicLength));
        return 1;
    }
    if (const auto visibility = m_config.commandOptions.constFind(u"private"_s);
        visibility != m_config.commandOptions.cend() && *visibility != "yes"_L1 && *visibility != "no"_L1) {
        printError(tr("--private takes yes or no, not \"%1\"").arg(*visibility));
        return 1;
    }

    const auto store = OperatorCommands::openDatabase(m_config);
    if (!store)
        return 1;
    const auto policies = store->createRoomPolicyStore();
    m_accounts = store->createAccountStore();
    if (!policies || !m_accounts) {
        printError(tr("the database %1 cannot keep rooms with owners").arg(Redaction::url(m_config.database)));
        return 1;
    }
    if (verb == "grant"_L1)
        return grant(*policies, room, args.at(3), role);
    if (verb == "revoke"_L1)
        return revoke(*policies, room, args.at(3));
    if (verb == "set"_L1)
        return set(*policies, room);
    if (verb == "unban"_L1)
        return unban(*policies, room, args.at(3));
    return list(*policies);
}

int RoomCommand::grant(RoomPolicyStore &policies, const QString &room, const QString &account, Role role)
{
    if (!m_accounts->account(account)) {
        printError(m_accounts->errorString().isEmpty() ? tr("no account \"%1\"").arg(account)
                                                       : m_accounts->errorString());
        return 1;
    }
    switch (policies.grant(room, account, role)) {
    case Result::Ok:
        break;
    case Result::NotFound: // removed in between
        printError(tr("no account \"%1\"").arg(account));
        return 1;
    case Result::LastOwner:
        printError(tr("%1 is the last owner of room %2; grant another owner first").arg(account, room));
        return 1;
    case Result::Failed:
        printError(policies.errorString());
        return 1;
    }
    if (!record(policies, {.room = room, .action = u"grant"_s, .target = account, .detail = roleName(role)}))
        return 1;
    printLine(tr("%1 is now %2 of room %3").arg(account, roleName(role), room));
    return 0;
}

int RoomCommand::revoke(RoomPolicyStore &policies, const QString &room, const QString &account)
{
    if (!hasSettings(policies, room))
        return 1;
    if (!m_accounts->account(account)) {
        printError(m_accounts->errorString().isEmpty() ? tr("no account \"%1\"").arg(account)
                                                       : m_accounts->errorString());
        return 1;
    }
    const auto previous = policies.role(room, account);
    if (!previous) {
        printError(policies.errorString());
        return 1;
    }
    switch (policies.revoke(room, account)) {
    case Result::Ok:
        break;
    case Result::NotFound:
        printError(tr("%1 has no role in room %2").arg(account, room));
        return 1;
    case Result::LastOwner:
        printError(tr("%1 is the last owner of room %2; grant another owner first").arg(account, room));
        return 1;
    case Result::Failed:
        printError(policies.errorString());
        return 1;
    }
    if (!record(policies, {.room = room, .action = u"revoke"_s, .target = account, .detail = roleName(*previous)}))
        return 1;
    printLine(tr("%1 has no role in room %2 any more").arg(account, room));
    return 0;
}

int RoomCommand::set(RoomPolicyStore &policies, const QString &room)
{
    const auto &options = m_config.commandOptions;
    if (options.contains(u"topic"_s)) {
        const QString topic = options.value(u"topic"_s);
        if (policies.setTopic(room, topic) != Result::Ok) {
            printError(policies.errorString());
            return 1;
        }
        if (!record(policies, {.room = room, .action = u"topic"_s, .detail = topic}))
            return 1;
        printLine(topic.isEmpty() ? tr("room %1 has no topic").arg(room)
                                  : tr("room %1 has the topic: %2").arg(room, topic));
    }
    if (options.contains(u"private"_s)) {
        const bool isPrivate = options.value(u"private"_s) == "yes"_L1;
        if (policies.setPrivate(room, isPrivate) != Result::Ok) {
            printError(policies.errorString());
            return 1;
        }
        if (!record(policies,
                    {.room = room, .action = u"visibility"_s, .detail = isPrivate ? u"private"_s : u"public"_s}))
            return 1;
        printLine(isPrivate ? tr("room %1 is private").arg(room) : tr("room %1 is public").arg(room));
    }
    return 0;
}

int RoomCommand::list(RoomPolicyStore &policies)
{
    const auto rooms = policies.allSettings();
    if (!rooms) {
        printError(policies.errorString());
        return 1;
    }
    // One line per room with settings, tab-separated: name, visibility, owners, moderators, topic.
    for (const RoomPolicyStore::Settings &settings : *rooms) {
        const auto roles = policies.roles(settings.room);
        if (!roles) {
            printError(policies.errorString());
            return 1;
        }
        QStringList owners;
        QStringList moderators;
        for (const RoomPolicyStore::RoleEntry &entry : *roles) {
            if (entry.role == Role::Owner)
                owners.append(entry.account);
            else if (entry.role == Role::Moderator)
                moderators.append(entry.account);
        }
        const QString visibility = !settings.direct.isEmpty() ? u"direct="_s + settings.direct.join(u',')
                                   : settings.isPrivate       ? u"private"_s
                                                              : u"public"_s;
        printLine(u"%1\t%2\towners=%3\tmoderators=%4\ttopic=%5"_s.arg(settings.room, visibility, owners.join(u','),
                                                                    moderators.join(u','), settings.topic));
    }
    return 0;
}

int RoomCommand::unban(RoomPolicyStore &policies, const QString &room, const QString &subject)
{
    if (!hasSettings(policies, room))
        return 1;
    const QString address = addressSubject(subject);
    const auto subjectKind = address.isEmpty() ? Restriction::Subject::Account : Restriction::Subject::Address;
    const QString banned = address.isEmpty() ? subject : address;
    switch (policies.lift(room, Restriction::Kind::Ban, subjectKind, banned)) {
    case Result::Ok:
        break;
    case Result::NotFound:
        printError(tr("%1 is not banned from room %2").arg(banned, room));
        return 1;
    case Result::LastOwner:
    case Result::Failed:
        printError(policies.errorString());
        return 1;
    }
    if (!record(policies, {.room = room, .action = u"unban"_s, .target = banned}))
        return 1;
    printLine(tr("%1 may enter room %2 again").arg(banned, room));
    return 0;
}

bool RoomCommand::hasSettings(RoomPolicyStore &policies, const QString &room)
{
    const auto settings = policies.settings(room);
    if (!settings)
        printError(policies.errorString());
    else if (settings->room.isEmpty())
        printError(tr("no room \"%1\" with settings").arg(room));
    return settings && !settings->room.isEmpty();
}

bool RoomCommand::record(RoomPolicyStore &policies, RoomPolicyStore::AuditEntry entry)
{
    entry.actor = s_operator;
    if (policies.audit(entry))
        return true;
    printError(tr("done, but the audit log did not record it: %1").arg(policies.errorString()));
    return false;
}

} // namespace Kaiwa::Server
