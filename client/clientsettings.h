// SPDX-License-Identifier: MIT
#pragma once

#include "roomaddress.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

#include <memory>

class QSettings;

namespace Kaiwa::Client {

/**
 * What the client remembers between runs: recent servers and rooms, the display name, the rooms
 * that were open, the language and theme choices, the emoji used lately, each room's notification level,
 * the window geometry and the
 * key that recognises the user's own messages. Stored through QSettings.
 */
class ClientSettings
{
public:
    /// Most recent entries kept per list.
    static constexpr qsizetype maxRecent = 10;

    /// Uses the application's default QSettings.
    ClientSettings();
    /// Uses `settings`, e.g. a file in a test.
    explicit ClientSettings(std::unique_ptr<QSettings> settings);
    ~ClientSettings();
    ClientSettings(const ClientSettings &) = delete;
    ClientSettings &operator=(const ClientSettings &) = delete;

    /// Most recent first.
    QStringList recentServers() const;
    QStringList recentRooms() const;
    /// The display name used last, whatever the server.
    QString displayName() const;
    /// The display name used last on `server`; the one used last anywhere when that server has none.
    QString displayName(const QUrl &server) const;
    /// Remembers `name` as the default for `server` (and as the most recent name).
    void setDisplayName(const QUrl &server, const QString &name);
    /// Puts the server and room first in their lists and keeps the display name for that server.
    void remember(const RoomAddress &address);

    /// The rooms open when the client was last closed, in tab order.
    QList<RoomAddress> openRooms() const;
    void setOpenRooms(const QList<RoomAddress> &rooms);

    /// "" follows the system locale; otherwise a language code such as "en" or "ja".
    QString language() const;
    void setLanguage(const QString &language);

    /// "" follows the system's colour scheme; otherwise "light" or "dark".
    QString theme() const;
    void setTheme(const QString &theme);

    /**
     * How much the room notifies: a key of Room::NotificationLevel ("All", "Mentions", "None"); empty when
     * never chosen for that room (the default then applies).
     */
    QString notificationLevel(const RoomAddress &room) const;
    void setNotificationLevel(const RoomAddress &room, const QString &level);

    /// The emoji picked lately, most recent first (EmojiModel keeps the list short).
    QStringList recentEmoji() const;
    void setRecentEmoji(const QStringList &emoji);

    /**
     * The secret this client signs its messages' client ids with (OwnMessageKey), made and saved on
     * first use: messages sent before a restart are recognised as the user's own by it.
     */
    QByteArray ownMessageKey();

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);

    void sync();

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace Kaiwa::Client
