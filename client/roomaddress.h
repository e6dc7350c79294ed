// SPDX-License-Identifier: MIT
#pragma once

#include <QMetaType>
#include <QString>
#include <QUrl>

#include <optional>

namespace Kaiwa::Client {

/**
 * Where a room lives and who joins it: the server address as the user types it (the address the
 * browser uses, http(s)://host:port), the room name and the display name. A direct-message room
 * (docs/protocol.md, "Rooms with owners") is named by the other account: `direct` set, `room` that account.
 */
struct RoomAddress {
    QUrl server;         ///< http(s):// base address, normalised by parseServer().
    QString room;        ///< Decoded room name (RoomName::isValid()); the other account when `direct`.
    QString name;        ///< Display name; may be empty (the server relays "anonymous").
    bool direct = false; ///< The direct messages with the account `room`: /dm/<account>/, /ws/dm/<account>/.

    /// What a server address names: the server, and a room when it is a room's page (or WebSocket).
    struct Location {
        QUrl server;                 ///< http(s):// base address with its path prefix, without `chat/...`.
        std::optional<QString> room; ///< Decoded, not yet validated (RoomName::validate()).
        friend bool operator==(const Location &, const Location &) = default;
    };

    enum class ServerValidity {
        Valid,
        Empty,
        Malformed,         ///< Not a URL, or no host.
        UnsupportedScheme, ///< Neither http(s) nor ws(s).
    };

    /**
     * Parses a server address as typed or pasted: `http://host:port` or `https://...`; `ws(s)://` is
     * mapped to `http(s)://`, and a bare `host:port` gets `http://`. The addresses a browser shows are
     * understood too: the index page `.../chat/` (what kaiwa-server prints when it starts) names the
     * server, a room's page `.../chat/<room>/` (or its WebSocket `.../ws/chat/<room>/`) the server and
     * that room (percent-encoded names are decoded). Any path before them is kept as a prefix (a server
     * behind a reverse proxy); query and fragment are dropped. So a prefix whose own last segment is `chat`
     * is given with a room's page after it (`http://host/chat/chat/lobby/`): `http://host/chat/chat/` is
     * the page of the room "chat".
     */
    static std::optional<Location> parseLocation(const QString &text);
    static ServerValidity validateServer(const QString &text);
    /// parseLocation()'s server.
    static std::optional<QUrl> parseServer(const QString &text);

    /// True when the server parses and the room name is valid (for `direct`: an account name, one line).
    bool isValid() const;
    /// What people read for the room: its name, or "@bob" for the direct messages with bob.
    QString title() const;

    /**
     * The chat WebSocket: ws(s)://host:port[/prefix]/ws/chat/<percent-encoded room>/?name=<name> (`/ws/dm/<account>/`
     * when `direct`)
     * [&since=<id>[&epoch=<epoch>]]. `since` asks the server for every event after that id; `epoch` names the
     * history that id belongs to, so a reset one is not merged with it (docs/protocol.md, "Recovery epoch").
     */
    QUrl webSocketUrl(std::optional<qint64> since = std::nullopt, const QString &epoch = {}) const;

    /// The room's page in a browser: http(s)://host:port[/prefix]/chat/<room>/ (`/dm/<account>/` when `direct`).
    QUrl pageUrl() const;

    /// Identity of the room regardless of the display name, for "is this room already open?".
    QString roomKey() const;

    friend bool operator==(const RoomAddress &, const RoomAddress &) = default;
};

} // namespace Kaiwa::Client

Q_DECLARE_METATYPE(Kaiwa::Client::RoomAddress)
