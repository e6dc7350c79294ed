// SPDX-License-Identifier: MIT
#pragma once

#include "serverconfig.h"

#include <memory>

namespace Kaiwa::Server::OperatorCommands {

/// What the operator's commands (`user ...`, `room ...`) share: their one-line errors, "kaiwa-server: TEXT" on stderr.
void printError(const QString &text);

/// The message store the configuration names (--database / --config), open; nullptr after printing why not.
std::unique_ptr<MessageStore> openDatabase(const ServerConfig &config);

} // namespace Kaiwa::Server::OperatorCommands
