// SPDX-License-Identifier: MIT
#pragma once

#include "serverconfig.h"
#include "storage/roompolicystore.h"

namespace Kaiwa::Server {

/**
 * `kaiwa-server room grant ROOM ACCOUNT owner|moderator|member`, `room revoke ROOM ACCOUNT`,
 * `room set ROOM [--topic TEXT] [--private yes|no]`, `room list` and `room unban ROOM ACCOUNT_OR_ADDRESS`: the
 * operator's side of rooms with owners (docs/protocol.md), on the database the configuration names, then exits.
 *
 * Every change is recorded in the room's audit log with the actor "(operator)"; running daemons pick it up within a
 * second (they poll the change counter). Mistakes get one line on stderr and exit code 1, a malformed command line 2.
 */
class RoomCommand
{
public:
    explicit RoomCommand(const ServerConfig &config);

    /// Runs config.command; returns the process exit code (0 ok, 1 failed, 2 usage).
    int run();

private:
    int grant(RoomPolicyStore &policies, const QString &room, const QString &account, RoomPolicyStore::Role role);
    int revoke(RoomPolicyStore &policies, const QString &room, const QString &account);
    int set(RoomPolicyStore &policies, const QString &room);
    int list(RoomPolicyStore &policies);
    int unban(RoomPolicyStore &policies, const QString &room, const QString &subject);
    /// Whether the room has settings; prints the error (and the caller exits 1) when not, or when reading failed.
    bool hasSettings(RoomPolicyStore &policies, const QString &room);
    /// Records what the operator did; false (printed) when the audit log could not.
    bool record(RoomPolicyStore &policies, RoomPolicyStore::AuditEntry entry);

    const ServerConfig &m_config;
    std::unique_ptr<AccountStore> m_accounts;
};

} // namespace Kaiwa::Server
