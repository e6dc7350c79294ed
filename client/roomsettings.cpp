// SPDX-License-Identifier: MIT
#include "roomsettings.h"

namespace Kaiwa::Client {

RoomSettings::RoomSettings(QObject *parent)
    : QObject(parent)
{
}

void RoomSettings::applyWelcome(const WelcomeEvent &welcome, const QString &account)
{
    m_serverName = welcome.room;
    const bool differs = welcome.topic != m_topic || welcome.isPrivate != m_private || welcome.direct != m_direct;
    m_topic = welcome.topic;
    m_private = welcome.isPrivate;
    m_direct = welcome.direct;
    if (differs)
        Q_EMIT changed();
    // Anonymous connections never have a role, whatever a server says.
    setRole(account.isEmpty() ? RoomRole::None : welcome.role);
}

void RoomSettings::applySettings(const RoomSettingsEvent &settings)
{
    if (settings.topic == m_topic && settings.isPrivate == m_private)
        return;
    m_topic = settings.topic;
    m_private = settings.isPrivate;
    Q_EMIT changed();
}

void RoomSettings::applyRole(const RoomRoleEvent &role, const QString &account)
{
    if (!account.isEmpty() && role.user == account)
        setRole(role.role);
    Q_EMIT rolesChanged(role);
}

void RoomSettings::setRole(RoomRole role)
{
    if (role == m_role)
        return;
    m_role = role;
    Q_EMIT roleChanged(role);
}

} // namespace Kaiwa::Client
