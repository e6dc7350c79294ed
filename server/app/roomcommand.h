// SPDX-License-Identifier: MIT
#pragma once

#include "serverconfig.h"
#include "storage/accountstore.h"
#include "storage/roompolicystore.h"

#include <memory>

namespace Kaiwa::Server {

/**
 * `kaiwa-server room grant ROOM ACCOUNT owner|moderator|member`, `room revoke ROOM ACCOUNT`,
 * `room set ROOM [--topic TEXT] [--private yes|no]`, `room list` and `room unban ROOM ACCOUNT_OR_ADDRESS`: the
 * operator's side of rooms with owners (docs/protocol.md, "The operator's room commands"), on the database the
 * configuration names (--database / --config, as `user ...`), then exits.
 *
 * Every change is recorded in the room's audit log with the actor "(operator)"; running daemons pick it up within a
 * second (they poll the store's change counter). A refusal is one line on stderr.
 */
class RoomCommand
{
public:
    explicit RoomCommand(const ServerConfig &config);

    /// Runs config.command; returns the process exit code (0 ok, 1 refused or failed, 2 usage, as `user ...`).
    int run();

private:
    using Role = RoomPolicyStore::Role;

    int grant(const QString &room, const QString &account, Role role);
    int revoke(const QString &room, const QString &account);
    int set(const QString &room);
    int list();
    int unban(const QString &room, const QString &subject);

    /// Whether the account exists; prints why not (also a failed read).
    bool accountExists(const QString &account);
    /// Whether the room has settings; prints why not (also a failed read).
    bool hasSettings(const QString &room);
    /// Records what the operator did; false (printed) when the audit log could not.
    bool record(RoomPolicyStore::AuditEntry entry);
    /// Prints the policy store's error; the exit code of a failure.
    int storeFailed();

    const ServerConfig &m_config;
    std::unique_ptr<MessageStore> m_store;
    std::unique_ptr<AccountStore> m_accounts;
    std::unique_ptr<RoomPolicyStore> m_policies;
};

} // namespace Kaiwa::Server
