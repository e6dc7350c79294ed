// SPDX-License-Identifier: MIT
#pragma once

#include "common/roomrole.h"
#include "common/serverevent.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace Kaiwa::Client {
class Room;
class ServerApi;
} // namespace Kaiwa::Client

namespace Kaiwa::Ui {

/**
 * Room > Room Settings, for the room's owners (docs/protocol.md, "Rooms with owners"): the topic, whether the room
 * is private, and the accounts with a role in it (owner, moderator, member) with Grant (an account and a role) and
 * Revoke. The list comes from `GET /api/rooms/<room>` and follows the room's room.role events; Save sends what
 * changed of the topic and the visibility. What the server refuses is said by the room (Room::actionRefused()).
 */
class RoomSettingsDialog : public QDialog
{
    Q_OBJECT

public:
    /// `room` and `api` (its session's) are not owned.
    RoomSettingsDialog(Client::Room *room, Client::ServerApi *api, QWidget *parent = nullptr);

    QLineEdit *topicEdit() const { return m_topic; }
    QCheckBox *privateBox() const { return m_private; }
    QTreeWidget *roleList() const { return m_roles; }
    QLineEdit *accountEdit() const { return m_account; }
    QComboBox *roleBox() const { return m_role; }
    QPushButton *grantButton() const { return m_grant; }
    QPushButton *revokeButton() const { return m_revoke; }
    /// Loading, or why the list of roles could not be loaded; empty once it is shown.
    QString statusText() const;

    /// The role's name as people read it ("Owner", translated).
    static QString roleText(Kaiwa::RoomRole role);

Q_SIGNALS:
    /// The list of roles was (re)loaded from the server.
    void rolesLoaded();

private:
    void loadRoles();
    void applyRole(const Kaiwa::RoomRoleEvent &event);
    void setRoleRow(const QString &account, Kaiwa::RoomRole role);
    void save();
    void updateButtons();

    QPointer<Client::Room> m_room;
    QPointer<Client::ServerApi> m_api;
    QLineEdit *m_topic;
    QCheckBox *m_private;
    QTreeWidget *m_roles;
    QLabel *m_status;
    QLineEdit *m_account;
    QComboBox *m_role;
    QPushButton *m_grant;
    QPushButton *m_revoke;
};

} // namespace Kaiwa::Ui
