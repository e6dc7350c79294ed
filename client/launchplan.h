// SPDX-License-Identifier: MIT
#pragma once

#include "roomaddress.h"

#include <QList>

#include <optional>

namespace Kaiwa::Client {

class ClientSettings;

/// What the command line asks for: `--server`, `--room` and `--name`, each optional.
struct LaunchRequest {
    std::optional<QUrl> server; ///< Parsed with RoomAddress::parseServer(); always set when `room` is.
    QString room;               ///< Empty: no room named.
    std::optional<QString> name;
};

/**
 * Which rooms the client opens at start, decided from the command line and the rooms saved when it
 * was last closed (docs/man/kaiwa.1):
 *
 * - nothing given: every saved room is reopened; the room prompt comes up when there is none;
 * - `--server`: the saved rooms of that server are reopened; saved rooms of other servers are not
 *   opened but stay saved for a later start; the prompt (for that server) comes up when there is none;
 * - `--room` (with `--server`, or the default server): as `--server`, and that room is opened too
 *   (or shown, when it was among the saved ones);
 * - `--name`: the display name of every room this start opens, remembered for its server. Without
 *   it, reopened rooms keep their saved names and a new room takes the name last used on its server.
 */
struct LaunchPlan {
    QList<RoomAddress> reopen;        ///< Saved rooms to open again, in their saved order.
    std::optional<RoomAddress> focus; ///< The room named on the command line: opened last, shown.
    QList<RoomAddress> keep;          ///< Saved rooms of other servers: not opened, still saved.
    bool askForRoom = false;          ///< Nothing to open: show the room prompt.
    QUrl promptServer;                ///< The server the prompt suggests (empty: the most recent one).
    QString promptName;               ///< The name the prompt suggests.
    bool nameGiven = false;           ///< `--name` was given: remember it for the servers opened.

    static LaunchPlan make(const LaunchRequest &request, const ClientSettings &settings);
};

} // namespace Kaiwa::Client
