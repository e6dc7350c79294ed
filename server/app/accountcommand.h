// SPDX-License-Identifier: MIT
#pragma once

#include "serverconfig.h"

namespace Kaiwa::Server {

/**
 * `kaiwa-server user add NAME`, `user passwd NAME`, `user remove NAME`, `user list`: manages the
 * accounts in the database the configuration names (--database / --config), then exits.
 *
 * Passwords are read from the terminal without echo (twice, to catch typos), or as one line from
 * standard input when it is not a terminal (scripts, tests). They never appear on the command line,
 * in the environment or in a log; only their PBKDF2 hash is stored.
 */
class AccountCommand
{
public:
    explicit AccountCommand(const ServerConfig &config);

    /// Runs config.command; returns the process exit code (0 ok, 1 failed, 2 usage).
    int run();

private:
    std::optional<QByteArray> readNewPassword();

    const ServerConfig &m_config;
};

} // namespace Kaiwa::Server
