// SPDX-License-Identifier: MIT
#include "clientsettings.h"

#include "ownmessagekey.h"

#include <QSettings>

namespace Kaiwa::Client {

using namespace Qt::StringLiterals;

namespace {

constexpr auto recentServersKey = "recent/servers"_L1;
constexpr auto recentRoomsKey = "recent/rooms"_L1;
constexpr auto displayNameKey = "recent/displayName"_L1;
constexpr auto serverNamesKey = "recent/names"_L1;
constexpr auto openRoomsKey = "session/rooms"_L1;
constexpr auto languageKey = "ui/language"_L1;
constexpr auto themeKey = "ui/theme"_L1;
constexpr auto recentEmojiKey = "ui/recentEmoji"_L1;
constexpr auto geometryKey = "ui/geometry"_L1;
/// One map, room key to level: room keys are URLs, whose slashes QSettings would take for groups.
constexpr auto notificationLevelsKey = "notifications/levels"_L1;
constexpr auto ownMessageKeyKey = "identity/ownMessageKey"_L1;

QStringList withFirst(QStringList list, const QString &first)
{
    list.removeAll(first);
    list.prepend(first);
    return list.mid(0, ClientSettings::maxRecent);
}

} // namespace

ClientSettings::ClientSettings()
    : m_settings(std::make_unique<QSettings>())
{
}

ClientSettings::ClientSettings(std::unique_ptr<QSettings> settings)
    : m_settings(std::move(settings))
{
    Q_ASSERT(m_settings);
}

ClientSettings::~ClientSettings() = default;

QStringList ClientSettings::recentServers() const
{
    return m_settings->value(recentServersKey).toStringList();
}

QStringList ClientSettings::recentRooms() const
{
    return m_settings->value(recentRoomsKey).toStringList();
}

QString ClientSettings::displayName() const
{
    return m_settings->value(displayNameKey).toString();
}

QString ClientSettings::displayName(const QUrl &server) const
{
    // Stored as "server name" pairs in one list: server addresses hold '/', which QSettings reads as groups.
    const QStringList pairs = m_settings->value(serverNamesKey).toStringList();
    const QString key = server.toString();
    for (qsizetype i = 0; i + 1 < pairs.size(); i += 2) {
        if (pairs.at(i) == key)
            return pairs.at(i + 1);
    }
    return displayName();
}

void ClientSettings::setDisplayName(const QUrl &server, const QString &name)
{
    const QStringList pairs = m_settings->value(serverNamesKey).toStringList();
    const QString key = server.toString();
    QStringList updated{key, name};
    for (qsizetype i = 0; i + 1 < pairs.size() && updated.size() < 2 * maxRecent; i += 2) {
        if (pairs.at(i) != key)
            updated << pairs.at(i) << pairs.at(i + 1);
    }
    m_settings->setValue(serverNamesKey, updated);
    m_settings->setValue(displayNameKey, name);
}

void ClientSettings::remember(const RoomAddress &address)
{
    m_settings->setValue(recentServersKey, withFirst(recentServers(), address.server.toString()));
    if (!address.direct) // the room prompt suggests room names, not accounts
        m_settings->setValue(recentRoomsKey, withFirst(recentRooms(), address.room));
    setDisplayName(address.server, address.name);
}

QList<RoomAddress> ClientSettings::openRooms() const
{
    QList<RoomAddress> rooms;
    const int count = m_settings->beginReadArray(openRoomsKey);
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        const auto server = RoomAddress::parseServer(m_settings->value("server"_L1).toString());
        RoomAddress address{server.value_or(QUrl()), m_settings->value("room"_L1).toString(),
                            m_settings->value("name"_L1).toString(), m_settings->value("direct"_L1).toBool()};
        if (address.isValid())
            rooms.append(address);
    }
    m_settings->endArray();
    return rooms;
}

void ClientSettings::setOpenRooms(const QList<RoomAddress> &rooms)
{
    m_settings->remove(openRoomsKey);
    m_settings->beginWriteArray(openRoomsKey, int(rooms.size()));
    for (int i = 0; i < rooms.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue("server"_L1, rooms.at(i).server.toString());
        m_settings->setValue("room"_L1, rooms.at(i).room);
        m_settings->setValue("name"_L1, rooms.at(i).name);
        if (rooms.at(i).direct)
            m_settings->setValue("direct"_L1, true);
    }
    m_settings->endArray();
}

QString ClientSettings::language() const
{
    return m_settings->value(languageKey).toString();
}

void ClientSettings::setLanguage(const QString &language)
{
    m_settings->setValue(languageKey, language);
}

QByteArray ClientSettings::ownMessageKey()
{
    QByteArray key = QByteArray::fromBase64(m_settings->value(ownMessageKeyKey).toString().toLatin1());
    if (key.size() != OwnMessageKey::secretSize) {
        key = OwnMessageKey::generateSecret();
        m_settings->setValue(ownMessageKeyKey, QString::fromLatin1(key.toBase64()));
    }
    return key;
}

QString ClientSettings::theme() const
{
    return m_settings->value(themeKey).toString();
}

void ClientSettings::setTheme(const QString &theme)
{
    m_settings->setValue(themeKey, theme);
}

QString ClientSettings::notificationLevel(const RoomAddress &room) const
{
    return m_settings->value(notificationLevelsKey).toMap().value(room.roomKey()).toString();
}

void ClientSettings::setNotificationLevel(const RoomAddress &room, const QString &level)
{
    QVariantMap levels = m_settings->value(notificationLevelsKey).toMap();
    levels.insert(room.roomKey(), level);
    m_settings->setValue(notificationLevelsKey, levels);
}

QStringList ClientSettings::recentEmoji() const
{
    return m_settings->value(recentEmojiKey).toStringList();
}

void ClientSettings::setRecentEmoji(const QStringList &emoji)
{
    m_settings->setValue(recentEmojiKey, emoji);
}

QByteArray ClientSettings::windowGeometry() const
{
    return m_settings->value(geometryKey).toByteArray();
}

void ClientSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings->setValue(geometryKey, geometry);
}

void ClientSettings::sync()
{
    m_settings->sync();
}

} // namespace Kaiwa::Client
